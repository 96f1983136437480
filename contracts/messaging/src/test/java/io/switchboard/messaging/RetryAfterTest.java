package io.switchboard.messaging;

import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.messaging.resilience.RetryAfter;
import io.switchboard.messaging.resilience.RetryAfterHeader;
import io.switchboard.messaging.worker.CommandDeadline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider guard honours Retry-After, within max-retry-after and the command's deadline. */
class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    /** A provider's "429, come back in {@code wait}". */
    static final class RateLimited extends RuntimeException implements RetryAfter {
        private final Duration wait;

        RateLimited(Duration wait) {
            super("429 Too Many Requests");
            this.wait = wait;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(wait);
        }
    }

    /** Fails with the given failures, then answers; records when each attempt started. */
    static final class Provider implements Supplier<String> {
        final List<Long> attemptsAtNanos = new ArrayList<>();
        private final List<RuntimeException> failures;

        Provider(RuntimeException... failures) {
            this.failures = new ArrayList<>(List.of(failures));
        }

        @Override
        public String get() {
            attemptsAtNanos.add(System.nanoTime());
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return "ok";
        }

        Duration gapBeforeAttempt(int n) {
            return Duration.ofNanos(attemptsAtNanos.get(n - 1) - attemptsAtNanos.get(n - 2));
        }
    }

    private static ProviderGuard guard(Duration maxRetryAfter) {
        // A tiny backoff, so that any wait longer than a few milliseconds comes from Retry-After.
        return new ProviderGuard("test", new ResilienceProperties(
                new ResilienceProperties.RetrySettings(3, Duration.ofMillis(1), 1.0, 0.0, Duration.ofMillis(1), maxRetryAfter),
                new ResilienceProperties.CircuitBreakerSettings(50, 10, 10, Duration.ofSeconds(30), 1),
                new ResilienceProperties.RateLimiterSettings(100, Duration.ofSeconds(1), Duration.ofSeconds(1))),
                t -> t instanceof RateLimited, t -> t instanceof RateLimited, t -> false);
    }

    @Test
    void anIdempotentCallIsRepeatedNoSoonerThanRetryAfter() {
        Provider provider = new Provider(new RateLimited(Duration.ofMillis(700)));

        assertThat(guard(Duration.ofSeconds(5)).withRetry(provider)).isEqualTo("ok");

        assertThat(provider.attemptsAtNanos).hasSize(2);
        assertThat(provider.gapBeforeAttempt(2)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aRejectedNonIdempotentCallIsRepeatedNoSoonerThanRetryAfterEither() {
        Provider provider = new Provider(new RateLimited(Duration.ofMillis(600)), new RateLimited(Duration.ofMillis(300)));

        assertThat(guard(Duration.ofSeconds(5)).onceUnlessRejected(provider)).isEqualTo("ok");

        assertThat(provider.gapBeforeAttempt(2)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(provider.gapBeforeAttempt(3)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRetryAfterThatWouldEndPastTheCommandsLatestCallStartGivesUpAtOnce() {
        Provider provider = new Provider(new RateLimited(Duration.ofSeconds(10)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> CommandDeadline.runWithin(Instant.now().plusSeconds(3),
                () -> guard(Duration.ofSeconds(30)).withRetry(provider)))
                .isInstanceOf(RateLimited.class);

        assertThat(provider.attemptsAtNanos).as("no second call").hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("did not wait").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterLongerThanTheSettingAllowsGivesUpAtOnce() {
        Provider provider = new Provider(new RateLimited(Duration.ofSeconds(60)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> guard(Duration.ofSeconds(2)).withRetry(provider)).isInstanceOf(RateLimited.class);

        assertThat(provider.attemptsAtNanos).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterThatFitsTheDeadlineIsWaitedFor() {
        Provider provider = new Provider(new RateLimited(Duration.ofMillis(400)));

        String answer = CommandDeadline.runWithin(Instant.now().plusSeconds(30),
                () -> guard(Duration.ofSeconds(5)).withRetry(provider));

        assertThat(answer).isEqualTo("ok");
        assertThat(provider.gapBeforeAttempt(2)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void theWaitIsFoundOnACauseToo() {
        RuntimeException wrapped = new IllegalStateException("wrapped", new RateLimited(Duration.ofSeconds(3)));
        assertThat(RetryAfter.of(wrapped)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.of(new IllegalStateException("no hint"))).isEmpty();
    }

    @Test
    void theHeaderIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(RetryAfterHeader.parse("2", CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfterHeader.parse(" 120 ", CLOCK)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfterHeader.parse("Mon, 23 Nov 2026 10:00:05 GMT", CLOCK)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfterHeader.parse("Mon, 23 Nov 2026 09:59:00 GMT", CLOCK)).as("in the past").contains(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("soon", CLOCK)).isEmpty();
        assertThat(RetryAfterHeader.parse("-3", CLOCK)).isEmpty();
        assertThat(RetryAfterHeader.parse(null, CLOCK)).isEmpty();
        assertThat(RetryAfterHeader.parse("99999999999999999999999", CLOCK).orElseThrow()).isGreaterThan(Duration.ofDays(365));
    }
}
