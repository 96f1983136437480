package io.switchboard.messaging;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.messaging.worker.CommandDeadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A call an open circuit breaker refuses never reached the provider. Inside a command whose deadline leaves time, the
 * guard waits for the breaker's open time and tries again instead of failing the attempt at once — chaos run 10 saw a
 * backlog meet an open breaker and 66 healthy onboardings burn all their attempts inside one 5 s window. Without time
 * left, or outside a command, the refusal still fails fast.
 */
class BreakerWaitTest {
    private static final Duration OPEN = Duration.ofMillis(400);

    private static ProviderGuard guard() {
        return new ProviderGuard("test", new ResilienceProperties(
                new ResilienceProperties.RetrySettings(3, Duration.ofMillis(1), 1.0, 0.0, Duration.ofMillis(1), Duration.ofSeconds(5)),
                new ResilienceProperties.CircuitBreakerSettings(50, 2, 2, OPEN, 1),
                new ResilienceProperties.RateLimiterSettings(100, Duration.ofSeconds(1), Duration.ofSeconds(1))),
                t -> false, t -> false, t -> t instanceof IllegalStateException);
    }

    /** Two provider faults open the breaker (window of two calls, 50 %). */
    private static void open(ProviderGuard guard) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.once(() -> {
                throw new IllegalStateException("503");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void insideACommandWithTimeLeftARefusedCallWaitsForTheBreakerAndGoesThrough() {
        ProviderGuard guard = guard();
        open(guard);
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();

        String answer = CommandDeadline.runWithin(Instant.now().plusSeconds(10),
                () -> guard.withRetry(() -> "ok #" + calls.incrementAndGet()));

        assertThat(answer).isEqualTo("ok #1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(OPEN);
    }

    @Test
    void aNonIdempotentCallRefusedByTheBreakerIsRepeatedToo() {
        ProviderGuard guard = guard();
        open(guard);

        String answer = CommandDeadline.runWithin(Instant.now().plusSeconds(10), () -> guard.onceUnlessRejected(() -> "bought"));

        assertThat(answer).isEqualTo("bought");
    }

    @Test
    void withoutTimeLeftBeforeTheLatestCallStartTheRefusalFailsAtOnce() {
        ProviderGuard guard = guard();
        open(guard);

        assertThatThrownBy(() -> CommandDeadline.runWithin(Instant.now().plusMillis(100), () -> guard.withRetry(() -> "ok")))
                .isInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void outsideACommandTheRefusalFailsFast() {
        ProviderGuard guard = guard();
        open(guard);

        assertThatThrownBy(() -> guard.withRetry(() -> "ok")).isInstanceOf(CallNotPermittedException.class);
    }
}
