package io.switchboard.sim.common;

import java.util.concurrent.CountDownLatch;

/** Helpers for the simulators' {@code main} methods. */
public final class Standalone {

    private Standalone() {
    }

    /** Port from the first argument, else the system property, else the fallback. */
    public static int port(String[] args, String property, int fallback) {
        String value = args.length > 0 ? args[0] : System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got '" + value + "'", e);
        }
    }

    /** Prints the banner and blocks until the JVM is asked to stop, then closes the simulator. */
    public static void serveUntilShutdown(AutoCloseable simulator, String banner) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception ignored) {
                // the JVM is exiting anyway
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println(banner);
        System.out.flush();
        stopped.await();
    }
}
