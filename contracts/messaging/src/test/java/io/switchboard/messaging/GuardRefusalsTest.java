package io.switchboard.messaging;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.resilience.GuardRefusals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardRefusalsTest {
    @Test
    void anOpenBreakerIsARetryableProviderOutageNamingTheProvider() {
        var refused = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("vapi"));
        assertThat(GuardRefusals.replyFor(refused, "VAPI", "vapi", "Assistant creation failed")).hasValueSatisfying(f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(f.retryable()).isTrue();
            assertThat(f.provider()).isEqualTo("vapi");
            assertThat(f.message()).isEqualTo("Assistant creation failed: VAPI circuit breaker is open after repeated "
                    + "provider failures; not calling VAPI for now");
        });
    }

    @Test
    void noPermitIsARetryableRateLimit() {
        var refused = RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("twilio"));
        assertThat(GuardRefusals.replyFor(refused, "Twilio", "twilio", null)).hasValueSatisfying(f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.RATE_LIMITED);
            assertThat(f.retryable()).isTrue();
            assertThat(f.message()).isEqualTo("Twilio client-side rate limit reached; no permit within the configured wait");
        });
    }

    @Test
    void anyOtherFailureIsNotARefusal() {
        assertThat(GuardRefusals.replyFor(new IllegalStateException("bug"), "Twilio", "twilio", null)).isEmpty();
    }
}
