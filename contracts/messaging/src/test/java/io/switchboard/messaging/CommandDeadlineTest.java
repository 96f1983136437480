package io.switchboard.messaging;

import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.messaging.worker.CommandDeadline;
import io.switchboard.messaging.worker.CommandExpiredException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandDeadlineTest {
    private static final Instant WRITTEN = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theMarginIsReservedBeforeTheDeadline() {
        assertThat(CommandDeadline.latestStart(WRITTEN, WRITTEN.plusSeconds(60), Duration.ofSeconds(20)))
                .isEqualTo(WRITTEN.plusSeconds(40));
    }

    @Test
    void aShortStepTimeoutKeepsHalfOfItsTimeToStart() {
        assertThat(CommandDeadline.latestStart(WRITTEN, WRITTEN.plusSeconds(10), Duration.ofSeconds(30)))
                .isEqualTo(WRITTEN.plusSeconds(5));
    }

    @Test
    void aCommandWithoutDeadlineHasNoLatestStart() {
        assertThat(CommandDeadline.latestStart(WRITTEN, null, Duration.ofSeconds(30))).isNull();
    }

    @Test
    void theGuardMakesNoProviderCallOnceTheCommandsTimeIsUp() {
        ProviderGuard guard = new ProviderGuard("test", new ResilienceProperties(
                new ResilienceProperties.RetrySettings(3, Duration.ofMillis(1), 1.0, 0.0, Duration.ofMillis(1)),
                new ResilienceProperties.CircuitBreakerSettings(50, 10, 1, Duration.ofSeconds(30), 1),
                new ResilienceProperties.RateLimiterSettings(100, Duration.ofSeconds(1), Duration.ofSeconds(1))), e -> true, e -> true);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> within(Instant.now().minusSeconds(1), () -> guard.withRetry(calls::incrementAndGet)))
                .isInstanceOf(CommandExpiredException.class);
        assertThat(calls).hasValue(0);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).as("not the provider's fault").isZero();

        assertThat(within(Instant.now().plusSeconds(60), () -> guard.once(calls::incrementAndGet))).isEqualTo(1);
        assertThat(guard.once(calls::incrementAndGet)).as("outside a command there is no limit").isEqualTo(2);
    }

    private static <T> T within(Instant latestCallStart, Supplier<T> body) {
        return CommandDeadline.runWithin(latestCallStart, body);
    }
}
