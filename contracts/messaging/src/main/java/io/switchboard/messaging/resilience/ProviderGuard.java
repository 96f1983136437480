package io.switchboard.messaging.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import io.switchboard.messaging.worker.CommandDeadline;
import io.switchboard.messaging.worker.ProviderCallTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resilience4j around every call to one provider: a rate limiter and a circuit breaker per provider (shared by
 * all commands of this worker), and retries with exponential backoff and jitter for what is safe to repeat.
 * Order per attempt: circuit breaker outside the rate limiter, so an open breaker does not use up permits. No call
 * starts once the command's time is up ({@link CommandDeadline}); that ends retries too, with no provider call made.
 * <p>
 * A failure that says how long to wait ({@link RetryAfter}, the provider's {@code Retry-After}) is repeated no sooner
 * than that (the backoff, when longer, still applies). When the wait is longer than {@code max-retry-after}, or would
 * end after the command's latest call start, the guard does not wait at all: the failure leaves at once (a retryable
 * reply), and the saga's own retry, with a fresh deadline, takes over. A call an open circuit breaker refused is waited
 * for the same way, for the breaker's open time, inside a command only.
 *
 * <ul>
 *   <li>{@link #once} / {@link #run}: exactly one guarded HTTP call;</li>
 *   <li>{@link #withRetry}: one idempotent call (GET, DELETE), repeated while its failure is retryable;</li>
 *   <li>{@link #onceUnlessRejected}: a non-idempotent call, repeated only when the provider provably rejected it
 *       unprocessed (e.g. 429);</li>
 *   <li>{@link #retrying}: a whole idempotent operation ("look, then create") whose own calls go through
 *       {@link #once}, repeated as a whole — so a retried create always looks again first and a
 *       timeout-after-success is adopted, not repeated.</li>
 * </ul>
 */
public final class ProviderGuard {
    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);
    private static final Predicate<Throwable> NEVER = t -> false;

    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final Retry rejectedRetry;
    private final Clock clock = Clock.systemUTC();
    private final Duration breakerOpenFor;

    /**
     * @param retryOn       failures after which an idempotent call or operation is repeated
     * @param rejectedOn    failures that prove a non-idempotent call was not processed (e.g. 429), so repeating it is safe
     * @param providerFault failures that count against the provider's health
     */
    public ProviderGuard(String provider, ResilienceProperties settings, Predicate<Throwable> retryOn,
                         Predicate<Throwable> rejectedOn, Predicate<Throwable> providerFault) {
        ResilienceProperties.CircuitBreakerSettings cb = settings.circuitBreaker();
        this.breakerOpenFor = cb.waitDurationInOpenState();
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
        this.retry = Retry.of(provider, retryConfig(provider, settings.retry(), retryOn));
        this.rejectedRetry = Retry.of(provider + "-rejected", retryConfig(provider, settings.retry(), rejectedOn));
        logEvents(provider);
    }

    /** For providers whose non-idempotent calls are never repeated on their own ({@link #onceUnlessRejected} = once). */
    public ProviderGuard(String provider, ResilienceProperties settings, Predicate<Throwable> retryOn,
                         Predicate<Throwable> providerFault) {
        this(provider, settings, retryOn, NEVER, providerFault);
    }

    private RetryConfig retryConfig(String provider, ResilienceProperties.RetrySettings r, Predicate<Throwable> retryOn) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                r.initialBackoff(), r.multiplier(), r.jitter(), r.maxBackoff());
        return RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalBiFunction((attempt, outcome) -> {
                    long millis = backoff.apply(attempt);
                    Optional<Duration> asked = outcome.isLeft() ? waitAskedBy(outcome.getLeft()) : Optional.empty();
                    return asked.map(wait -> Math.max(millis, wait.toMillis())).orElse(millis);
                })
                .retryOnException(failure -> (retryOn.test(failure) && retryAfterFits(provider, failure, r.maxRetryAfter()))
                        || breakerWaitFits(provider, failure, r.maxRetryAfter()))
                .failAfterMaxAttempts(false)
                .build();
    }

    /** The wait a failure asks for: the provider's Retry-After, or the breaker's open time when it refused the call. */
    private Optional<Duration> waitAskedBy(Throwable failure) {
        return failure instanceof CallNotPermittedException ? Optional.of(breakerOpenFor) : RetryAfter.of(failure);
    }

    /**
     * An open breaker refused the call, so nothing reached the provider: inside a command (a worker with a deadline),
     * wait for the breaker to let calls through again when that ends before the command's latest call start. Failing
     * at once instead costs the saga an attempt per refusal, and a backlog that meets an open breaker burns all of its
     * attempts inside one open window (chaos run 10: 66 healthy onboardings compensated within 5 s). Outside a command
     * (no deadline) a refusal still fails fast.
     */
    private boolean breakerWaitFits(String provider, Throwable failure, Duration maxRetryAfter) {
        if (!(failure instanceof CallNotPermittedException) || CommandDeadline.latestCallStart().isEmpty()
                || breakerOpenFor.compareTo(maxRetryAfter) > 0) {
            return false;
        }
        if (!CommandDeadline.allowsCallAfter(breakerOpenFor, clock)) {
            log.warn("Not waiting for the {} circuit breaker ({} open): past this command's latest call start {}",
                    provider, breakerOpenFor, CommandDeadline.latestCallStart().map(Object::toString).orElse("?"));
            return false;
        }
        return true;
    }

    /**
     * Whether the wait the provider asked for, if any, can be honoured: not longer than the setting allows, and
     * ending before the command's latest call start. Otherwise waiting would only end in an expired command.
     */
    private boolean retryAfterFits(String provider, Throwable failure, Duration maxRetryAfter) {
        Optional<Duration> asked = RetryAfter.of(failure);
        if (asked.isEmpty()) {
            return true;
        }
        Duration wait = asked.get();
        if (wait.compareTo(maxRetryAfter) > 0) {
            log.warn("Not retrying {} call: it asked to wait {} (Retry-After), longer than max-retry-after {}; "
                    + "the saga retries later", provider, wait, maxRetryAfter);
            return false;
        }
        if (!CommandDeadline.allowsCallAfter(wait, clock)) {
            log.warn("Not retrying {} call: it asked to wait {} (Retry-After), past this command's latest call start {}; "
                    + "the saga retries with a new deadline", provider, wait,
                    CommandDeadline.latestCallStart().map(Object::toString).orElse("?"));
            return false;
        }
        return true;
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

    /** Exactly one attempt of one HTTP call (non-idempotent calls such as a purchase POST). */
    public <T> T once(Supplier<T> call) {
        CommandDeadline.checkBeforeProviderCall(clock);
        // Only the call itself is counted, not a wait for the rate limiter's permit.
        return CircuitBreaker.decorateSupplier(circuitBreaker, RateLimiter.decorateSupplier(rateLimiter,
                () -> ProviderCallTime.measure(call))).get();
    }

    /** {@link #once} for a call without a result. */
    public void run(Runnable call) {
        once(() -> {
            call.run();
            return null;
        });
    }

    /** One call, repeated with backoff while the failure is retryable (idempotent calls: GET, DELETE). */
    public <T> T withRetry(Supplier<T> call) {
        return retrying(() -> once(call));
    }

    /** For non-idempotent calls: repeated only when the provider provably rejected the request unprocessed. */
    public <T> T onceUnlessRejected(Supplier<T> call) {
        return Retry.decorateSupplier(rejectedRetry, () -> once(call)).get();
    }

    /**
     * A whole idempotent operation, repeated with exponential backoff and jitter while its failure is transient.
     * The operation guards its own HTTP calls with {@link #once} / {@link #run}.
     */
    public <T> T retrying(Supplier<T> operation) {
        return Retry.decorateSupplier(retry, operation).get();
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
