package io.switchboard.messaging.resilience;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Resilience4j settings for one provider ({@code switchboard.<provider>.resilience.*}), bound by each worker's
 * properties. Each worker's yml sets the values it relies on, with the provider-specific reasoning next to them.
 */
public record ResilienceProperties(
        @DefaultValue RetrySettings retry,
        @DefaultValue CircuitBreakerSettings circuitBreaker,
        @DefaultValue RateLimiterSettings rateLimiter) {

    /**
     * Exponential backoff with jitter for retryable failures (429, 5xx, timeouts, connection errors) of idempotent
     * calls or operations.
     *
     * @param maxAttempts       total attempts including the first
     * @param initialBackoff    wait before the second attempt
     * @param multiplier        growth of the wait per attempt
     * @param jitter            randomization factor (0.5 = ±50 %) so that many workers do not retry in lockstep
     * @param maxBackoff        upper bound of one wait
     * @param maxRetryAfter     the longest {@code Retry-After} (seconds or HTTP-date, mostly on 429) waited for before
     *                          the next attempt; the wait is never shorter than what the provider asked. A longer
     *                          one — or one that would end after the command's latest call start — is not waited
     *                          for: the call fails at once as rate limited (retryable) and the saga retries later
     */
    public record RetrySettings(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("20s") Duration maxRetryAfter) {

        @ConstructorBinding
        public RetrySettings {
        }

        /** Without a setting for {@code Retry-After}: the default bound applies. */
        public RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
                             Duration maxBackoff) {
            this(maxAttempts, initialBackoff, multiplier, jitter, maxBackoff, DEFAULT_MAX_RETRY_AFTER);
        }

        public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(20);
    }

    /**
     * Opens when too many recent calls failed on the provider's side (5xx, timeouts), so a down provider is not
     * hammered and commands fail fast with a retryable reply.
     */
    public record CircuitBreakerSettings(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitDurationInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState) {
    }

    /**
     * Client-side limit below the provider's own. The default is conservative; each worker's yml sets the value
     * chosen for its provider (and says why).
     *
     * @param limitForPeriod calls allowed per refresh period
     * @param refreshPeriod  the period
     * @param timeout        how long a call may wait for a permit before it fails as rate limited
     */
    public record RateLimiterSettings(
            @DefaultValue("10") int limitForPeriod,
            @DefaultValue("1s") Duration refreshPeriod,
            @DefaultValue("5s") Duration timeout) {
    }
}
