package io.switchboard.adapters.vapi.errors;

import io.switchboard.adapters.vapi.lookup.LookupTooLargeException;
import io.switchboard.adapters.vapi.ownership.NotOwnedException;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.ledger.CreationGoneException;
import io.switchboard.messaging.ledger.CreationInProgressException;
import io.switchboard.messaging.resilience.GuardRefusals;

/** Builds the {@link StepFailed} replies of the VAPI worker; every one names the provider and the HTTP status. */
public final class FailureReplies {
    public static final String PROVIDER = "vapi";
    private static final String SWITCHBOARD = "switchboard";

    private FailureReplies() {
    }

    public static StepFailed of(VapiFailure failure, String context) {
        String message = context + ": " + failure.getMessage();
        String code = failure.providerCode();
        return switch (failure.kind()) {
            case AUTHENTICATION -> new StepFailed(StepFailed.AUTHENTICATION_FAILED, message, false, PROVIDER, code);
            case RATE_LIMITED -> new StepFailed(StepFailed.RATE_LIMITED, message, true, PROVIDER, code);
            case SERVER_ERROR -> new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, message, true, PROVIDER, code);
            case CONNECTION -> new StepFailed(StepFailed.TIMEOUT, message, true, PROVIDER, code);
            case NOT_FOUND, CONFLICT, INVALID -> new StepFailed(StepFailed.INVALID_REQUEST, message, false, PROVIDER, code);
        };
    }

    /** Maps anything a guarded operation may throw; unexpected exceptions propagate to the dispatcher. */
    public static StepFailed of(RuntimeException e, String context) {
        if (e instanceof VapiFailure failure) {
            return of(failure, context);
        }
        if (e instanceof NotOwnedException notOwned) {
            return new StepFailed(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION, context + ": " + notOwned.getMessage(),
                    false, PROVIDER, null);
        }
        if (e instanceof CreationInProgressException inProgress) {
            // Another consumer is on the same request right now (a rebalance); the saga's next attempt finds its result.
            return new StepFailed(StepFailed.TIMEOUT, context + ": " + inProgress.getMessage(), true, SWITCHBOARD, null);
        }
        if (e instanceof CreationGoneException gone) {
            return new StepFailed(StepFailed.CREATED_RESOURCE_GONE, context + ": " + gone.getMessage(), false,
                    PROVIDER, null);
        }
        if (e instanceof LookupTooLargeException tooLarge) {
            return new StepFailed(StepFailed.INVALID_REQUEST, context + ": cannot tell whether an earlier attempt"
                    + " already created it: " + tooLarge.getMessage(), false, SWITCHBOARD, null);
        }
        return GuardRefusals.replyFor(e, "VAPI", PROVIDER, context).orElseThrow(() -> e);
    }

    public static StepFailed unknownCredential(String message) {
        return new StepFailed(StepFailed.AUTHENTICATION_FAILED, message, false, "twilio", null);
    }
}
