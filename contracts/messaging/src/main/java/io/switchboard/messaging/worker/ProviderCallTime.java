package io.switchboard.messaging.worker;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How long the command running on this thread waited for its provider: every provider call a worker makes goes
 * through {@link #measure} (the {@code ProviderGuard} does it for HTTP providers, the notifier for SMTP), and the
 * dispatcher opens a {@link Tally} around each command. So a command's log line and metrics can say how much of its
 * time was the provider's and how much Switchboard's own — the part a faster worker can win back.
 * <p>
 * Thread-bound like {@link CommandDeadline}: a command's handler and its provider calls run on the command's thread.
 * A call made outside a tally (a tool, a test) is simply not counted.
 */
public final class ProviderCallTime {
    private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

    private ProviderCallTime() {
    }

    /** Starts counting for the command about to run on this thread; close the tally when it ends. */
    public static Tally start() {
        Tally tally = new Tally();
        CURRENT.set(tally);
        return tally;
    }

    /** Runs one provider call, counting its time (failed calls too) into the thread's tally if there is one. */
    public static <T> T measure(Supplier<T> call) {
        Tally tally = CURRENT.get();
        if (tally == null) {
            return call.get();
        }
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            tally.add(System.nanoTime() - started);
        }
    }

    /** The provider calls of one command so far. */
    public static final class Tally implements AutoCloseable {
        private long nanos;
        private int calls;

        private void add(long elapsed) {
            nanos += elapsed;
            calls++;
        }

        public Duration total() {
            return Duration.ofNanos(nanos);
        }

        public int calls() {
            return calls;
        }

        @Override
        public void close() {
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }
}
