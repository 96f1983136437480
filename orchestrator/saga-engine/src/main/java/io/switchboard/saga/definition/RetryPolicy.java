package io.switchboard.saga.definition;

import java.time.Duration;

/**
 * How often a step is tried before it counts as failed, and how long to wait between tries (exponential,
 * capped). Only failures a worker marks retryable, and timeouts, are retried.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);
    }

    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, 2.0, maxBackoff);
    }

    /** Pause before attempt {@code failedAttempt + 1}. */
    public Duration backoffAfter(int failedAttempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    public boolean allowsAnotherAttemptAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
