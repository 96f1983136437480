package io.switchboard.orchestrator.intake;

/**
 * Requests from ops (through the API) that change an organization's line. They wait in the same per-organization
 * queue as upstream events, so they never run beside another saga of the organization.
 */
public sealed interface OpsRequest permits OpsRequest.RetrySetup, OpsRequest.Cleanup, OpsRequest.AwaitFreeNumber,
        OpsRequest.LinkNumberAssistant, OpsRequest.UpdateAssistants, OpsRequest.AddNumber, OpsRequest.RemoveNumber {
    String orgId();

    /**
     * Re-run a failed onboarding with new number options ({@code null} keeps the failed onboarding's).
     *
     * @param numberSource where the number comes from ({@code NumberSources}); added later, absent in older rows
     */
    record RetrySetup(String orgId, String country, String areaCode, String numberSource, String ownNumber)
            implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.RetrySetup.v1";

        public RetrySetup(String orgId, String country, String areaCode) {
            this(orgId, country, areaCode, null, null);
        }
    }

    /** Remove the organization's line, assistants and AI config. */
    record Cleanup(String orgId) implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.Cleanup.v1";
    }

    /**
     * Look again at an activation-pending line's free VAPI number (queued by {@code PendingActivations}, not by the
     * API): queued like the rest, so it never runs beside another saga of the organization.
     */
    record AwaitFreeNumber(String orgId) implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.AwaitFreeNumber.v1";
    }

    /**
     * Bind the line's number to another of the organization's assistants ({@code PUT …/numbers/{id}/assistant}).
     *
     * @param numberId the number's id as the tenant API shows it (its Twilio SID)
     */
    record LinkNumberAssistant(String orgId, String numberId, String assistantId) implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.LinkNumberAssistant.v1";
    }

    /**
     * Re-apply the organization's effective assistant template to the assistants it has (an {@code update-assistants}
     * batch's item, or {@code POST …/assistant-template/apply}): planned when its turn comes, so it applies the
     * version in effect then, and is ignored when the assistants already run it.
     *
     * @param templateName    the template the batch pinned the organization to (its target, even if the pin changed
     *                        since); {@code null}: the effective template
     * @param templateVersion with {@code templateName}: that version; {@code null}: its latest
     */
    record UpdateAssistants(String orgId, String templateName, Integer templateVersion) implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.UpdateAssistants.v1";

        public UpdateAssistants(String orgId) {
            this(orgId, null, null);
        }
    }

    /**
     * Give the organization's active line one more number ({@code POST …/numbers}), bound to one of its assistants.
     *
     * @param assistantId  the assistant it rings; {@code null}: the line's inbound assistant
     * @param numberSource {@code null} (the pool first, then a purchase), {@code force_twilio} or {@code own_number}
     * @param ownNumber    with {@code own_number}: a Phone Number SID or E.164 number in the organization's account,
     *                     or {@code any}
     * @param areaCode     for a number from the pool or bought; {@code null}: the line's
     */
    record AddNumber(String orgId, String assistantId, String numberSource, String ownNumber, String areaCode)
            implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.AddNumber.v1";
    }

    /** Give up one of the organization's additional numbers ({@code DELETE …/numbers/{id}}), by its Twilio SID. */
    record RemoveNumber(String orgId, String numberId) implements OpsRequest {
        public static final String TYPE = "io.switchboard.ops.RemoveNumber.v1";
    }

    static String typeOf(OpsRequest request) {
        if (request instanceof AddNumber) {
            return AddNumber.TYPE;
        } else if (request instanceof RemoveNumber) {
            return RemoveNumber.TYPE;
        } else if (request instanceof RetrySetup) {
            return RetrySetup.TYPE;
        } else if (request instanceof Cleanup) {
            return Cleanup.TYPE;
        } else if (request instanceof LinkNumberAssistant) {
            return LinkNumberAssistant.TYPE;
        }
        return request instanceof AwaitFreeNumber ? AwaitFreeNumber.TYPE : UpdateAssistants.TYPE;
    }
}
