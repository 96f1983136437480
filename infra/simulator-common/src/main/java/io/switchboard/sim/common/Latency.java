package io.switchboard.sim.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Artificial response time added to every provider request (never to admin calls). Delays are scheduled,
 * not slept, so a slow simulator does not starve its worker threads.
 */
public sealed interface Latency permits Latency.Fixed, Latency.Uniform, Latency.PerOperation {

    /** How long to hold the next request of this operation. */
    Duration next(String operation);

    static Latency none() {
        return new Fixed(Duration.ZERO);
    }

    static Latency fixed(Duration delay) {
        return new Fixed(delay);
    }

    static Latency fixedMillis(long millis) {
        return new Fixed(Duration.ofMillis(millis));
    }

    /** Uniformly distributed between min and max inclusive, to shake out ordering assumptions. */
    static Latency uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /** A different latency per operation name (e.g. slow purchases, fast searches). */
    static Latency perOperation(Latency fallback, Map<String, Latency> byOperation) {
        return new PerOperation(fallback, byOperation);
    }

    record Fixed(Duration delay) implements Latency {
        public Fixed {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + delay);
            }
        }

        @Override
        public Duration next(String operation) {
            return delay;
        }
    }

    record Uniform(Duration min, Duration max) implements Latency {
        public Uniform {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ".." + max);
            }
        }

        @Override
        public Duration next(String operation) {
            long spread = max.toMillis() - min.toMillis();
            return min.plusMillis(spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1));
        }
    }

    record PerOperation(Latency fallback, Map<String, Latency> byOperation) implements Latency {
        public PerOperation {
            byOperation = Map.copyOf(byOperation);
        }

        @Override
        public Duration next(String operation) {
            return byOperation.getOrDefault(operation, fallback).next(operation);
        }
    }
}
