package io.switchboard.adapters.twilio.errors;

import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.resilience.GuardRefusals;

/** Builds the {@link StepFailed} replies of the Twilio worker; every one names the provider and Twilio's code. */
public final class FailureReplies {
    public static final String PROVIDER = "twilio";

    private FailureReplies() {
    }

    /** The reply for a failure that reached the handler (retries, if any, already spent). */
    public static StepFailed of(TwilioFailure failure, String context) {
        String message = context + ": " + failure.getMessage();
        String code = failure.providerCode();
        return switch (failure.kind()) {
            case AUTHENTICATION -> new StepFailed(StepFailed.AUTHENTICATION_FAILED, message, false, PROVIDER, code);
            case RATE_LIMITED -> new StepFailed(StepFailed.RATE_LIMITED, message, true, PROVIDER, code);
            case SERVER_ERROR -> new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, message, true, PROVIDER, code);
            case CONNECTION -> new StepFailed(StepFailed.TIMEOUT, message, true, PROVIDER, code);
            case TRIAL_LIMIT -> new StepFailed(StepFailed.TRIAL_NUMBER_LIMIT, message, false, PROVIDER, code);
            case NUMBER_UNAVAILABLE -> new StepFailed(StepFailed.NO_NUMBERS_AVAILABLE, message, true, PROVIDER, code);
            case NOT_FOUND, INVALID -> new StepFailed(StepFailed.INVALID_REQUEST, message, false, PROVIDER, code);
        };
    }

    /** The reply for a call the provider guard refused (circuit breaker open, no rate-limiter permit). */
    public static StepFailed refused(RuntimeException e) {
        return GuardRefusals.replyFor(e, "Twilio", PROVIDER, null).orElseThrow(() -> e);
    }

    /** The number's owner tag names someone else: never released or re-tagged by this command. */
    public static StepFailed ownedByAnother(String message) {
        return new StepFailed(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION, message, false, PROVIDER, null);
    }

    public static StepFailed unknownCredential(String message) {
        return new StepFailed(StepFailed.AUTHENTICATION_FAILED, message, false, PROVIDER, null);
    }
}
