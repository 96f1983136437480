package io.switchboard.launcher;

import org.springframework.context.ConfigurableApplicationContext;

/** One Switchboard service running as its own Spring application context inside the launcher's JVM. */
public record ServiceHandle(String name, ConfigurableApplicationContext context) implements AutoCloseable {
    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
