package io.switchboard.sim.common.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls until a condition holds or a deadline passes: for effects that happen after a response. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition) {
        until(Duration.ofSeconds(5), condition);
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
