package io.switchboard.adapters.twilio.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.switchboard.adapters.twilio.config.ResilienceProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resilience4j around every call to one provider: a rate limiter and a circuit breaker per provider (shared by
 * all commands of this worker), and a retry with exponential backoff and jitter for calls that are safe to repeat.
 * Order per attempt: circuit breaker outside the rate limiter, so an open breaker does not use up permits.
 */
public final class ProviderGuard {
    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final Retry rejectedRetry;

    /**
     * @param retryOn       failures after which an idempotent call is repeated
     * @param rejectedOn    failures that prove a non-idempotent call was not processed (e.g. 429), so repeating it is safe
     * @param providerFault failures that count against the provider's health
     */
    public ProviderGuard(String provider, ResilienceProperties settings, Predicate<Throwable> retryOn,
                         Predicate<Throwable> rejectedOn, Predicate<Throwable> providerFault) {
        ResilienceProperties.CircuitBreakerSettings cb = settings.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                // Only the provider's own faults count; a taken number or a bad credential says nothing about health.
                .recordException(providerFault)
                .build());
        ResilienceProperties.RateLimiterSettings rl = settings.rateLimiter();
        this.rateLimiter = RateLimiter.of(provider, RateLimiterConfig.custom()
                .limitForPeriod(rl.limitForPeriod())
                .limitRefreshPeriod(rl.refreshPeriod())
                .timeoutDuration(rl.timeout())
                .build());
        this.retry = Retry.of(provider, retryConfig(settings.retry(), retryOn));
        this.rejectedRetry = Retry.of(provider + "-rejected", retryConfig(settings.retry(), rejectedOn));
        logEvents(provider);
    }

    private static RetryConfig retryConfig(ResilienceProperties.RetrySettings r, Predicate<Throwable> retryOn) {
        return RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        r.initialBackoff(), r.multiplier(), r.jitter(), r.maxBackoff()))
                .retryOnException(retryOn)
                .failAfterMaxAttempts(false)
                .build();
    }

    /** Retries and breaker transitions are what ops look for when a provider misbehaves. */
    private void logEvents(String provider) {
        circuitBreaker.getEventPublisher().onStateTransition(e ->
                log.warn("{} circuit breaker {}", provider, e.getStateTransition()));
        for (Retry r : new Retry[]{retry, rejectedRetry}) {
            r.getEventPublisher().onRetry(e -> log.warn("Retrying {} call (attempt {}) in {} ms after: {}",
                    provider, e.getNumberOfRetryAttempts() + 1, e.getWaitInterval().toMillis(),
                    e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage()));
        }
    }

    /** Exactly one attempt (non-idempotent calls such as a purchase POST). */
    public <T> T once(Supplier<T> call) {
        return CircuitBreaker.decorateSupplier(circuitBreaker, RateLimiter.decorateSupplier(rateLimiter, call)).get();
    }

    /** Repeated with backoff while the failure is retryable (idempotent calls: GET, DELETE). */
    public <T> T withRetry(Supplier<T> call) {
        return Retry.decorateSupplier(retry, () -> once(call)).get();
    }

    /** For non-idempotent calls: repeated only when the provider provably rejected the request unprocessed. */
    public <T> T onceUnlessRejected(Supplier<T> call) {
        return Retry.decorateSupplier(rejectedRetry, () -> once(call)).get();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public Retry retry() {
        return retry;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }
}
