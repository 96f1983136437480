package io.switchboard.testsupport;

import java.time.Duration;

/** Lets Spring's context shutdown hooks finish before the shared broker and database go away. */
final class ShutdownOrdering {
    /** The name Spring gives the thread registered by {@code ConfigurableApplicationContext.registerShutdownHook()}. */
    private static final String SPRING_HOOK_THREAD = "SpringContextShutdownHook";

    private ShutdownOrdering() {
    }

    static void awaitSpringContexts(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (SPRING_HOOK_THREAD.equals(thread.getName()) && thread != Thread.currentThread()) {
                long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    thread.join(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
