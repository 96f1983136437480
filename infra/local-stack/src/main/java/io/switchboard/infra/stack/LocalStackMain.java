package io.switchboard.infra.stack;

import java.util.concurrent.CountDownLatch;

/**
 * Runs only the infrastructure (Kafka, PostgreSQL, SMTP) until Ctrl-C. Settings: see
 * {@link LocalStackConfig#fromEnvironment()}.
 */
public final class LocalStackMain {
    /** Quiet defaults for Kafka's chatty INFO logs; an explicit -Dlogback.configurationFile still wins. */
    private static final String LOGBACK_CONFIG = "switchboard-local-stack-logback.xml";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null
                && LocalStackMain.class.getClassLoader().getResource(LOGBACK_CONFIG) != null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        LocalStack stack = LocalStack.start(LocalStackConfig.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("Switchboard local stack is running; Ctrl-C to stop. Endpoints: " + stack.endpointsFile());
        stopped.await();
    }
}
