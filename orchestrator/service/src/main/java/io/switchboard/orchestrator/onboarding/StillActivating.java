package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.replies.StepFailed;

/**
 * The last answers of a wait for a free number's digits that mean "still activating": VAPI said so
 * ({@code NOT_READY}), or the look went unanswered ({@code TIMEOUT}, counted as not ready). A blocked number or a
 * refused look is something else, and undoes the saga (onboarding, inbound-ai-on) as before.
 */
public final class StillActivating {
    private StillActivating() {
    }

    public static boolean is(String errorCode) {
        return StepFailed.NOT_READY.equals(errorCode) || StepFailed.TIMEOUT.equals(errorCode);
    }
}
