package io.switchboard.adapters.vapi.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.switchboard.adapters.vapi.config.ResilienceProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resilience4j for VAPI. Each HTTP call goes through the provider's circuit breaker and rate limiter
 * ({@link #call}); retries wrap whole idempotent operations ({@link #retrying}) — "look, then create" — rather than
 * single POSTs, so a retried create always looks again first and a timeout-after-success is adopted, not repeated.
 */
public final class ProviderGuard {
    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Retry retry;

    public ProviderGuard(String provider, ResilienceProperties settings,
                         Predicate<Throwable> retryOn, Predicate<Throwable> providerFault) {
        ResilienceProperties.CircuitBreakerSettings cb = settings.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                .recordException(providerFault)
                .build());
        ResilienceProperties.RateLimiterSettings rl = settings.rateLimiter();
        this.rateLimiter = RateLimiter.of(provider, RateLimiterConfig.custom()
                .limitForPeriod(rl.limitForPeriod())
                .limitRefreshPeriod(rl.refreshPeriod())
                .timeoutDuration(rl.timeout())
                .build());
        ResilienceProperties.RetrySettings r = settings.retry();
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        r.initialBackoff(), r.multiplier(), r.jitter(), r.maxBackoff()))
                .retryOnException(retryOn)
                .failAfterMaxAttempts(false)
                .build());
        logEvents(provider);
    }

    /** Retries and breaker transitions are what ops look for when a provider misbehaves. */
    private void logEvents(String provider) {
        circuitBreaker.getEventPublisher().onStateTransition(e ->
                log.warn("{} circuit breaker {}", provider, e.getStateTransition()));
        retry.getEventPublisher().onRetry(e -> log.warn("Retrying {} call (attempt {}) in {} ms after: {}",
                provider, e.getNumberOfRetryAttempts() + 1, e.getWaitInterval().toMillis(),
                e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage()));
    }

    /** One HTTP call: circuit breaker outside the rate limiter, so an open breaker does not use up permits. */
    public <T> T call(Supplier<T> call) {
        return CircuitBreaker.decorateSupplier(circuitBreaker, RateLimiter.decorateSupplier(rateLimiter, call)).get();
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** An idempotent operation, repeated with exponential backoff and jitter while its failure is transient. */
    public <T> T retrying(Supplier<T> operation) {
        return Retry.decorateSupplier(retry, operation).get();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
