package io.switchboard.messaging.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.contracts.replies.StepFailed;

import java.util.Optional;

/**
 * The replies for calls {@link ProviderGuard} refused before reaching the provider: an open circuit breaker or no
 * rate-limiter permit in time. Both are retryable: the saga tries again after its backoff.
 */
public final class GuardRefusals {
    private GuardRefusals() {
    }

    /**
     * @param providerName as people read it, e.g. {@code Twilio}
     * @param provider     the reply's {@code provider}, e.g. {@code twilio}
     * @param context      what was being done, put before the reason; {@code null} for none
     * @return the reply, or empty when {@code failure} is not a refusal of the guard
     */
    public static Optional<StepFailed> replyFor(RuntimeException failure, String providerName, String provider,
                                                String context) {
        String prefix = context == null ? "" : context + ": ";
        if (failure instanceof CallNotPermittedException) {
            return Optional.of(new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, prefix + providerName
                    + " circuit breaker is open after repeated provider failures; not calling " + providerName + " for now",
                    true, provider, null));
        }
        if (failure instanceof RequestNotPermitted) {
            return Optional.of(new StepFailed(StepFailed.RATE_LIMITED, prefix + providerName
                    + " client-side rate limit reached; no permit within the configured wait", true, provider, null));
        }
        return Optional.empty();
    }
}
