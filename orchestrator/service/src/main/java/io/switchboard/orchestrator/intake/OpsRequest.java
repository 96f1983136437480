package io.switchboard.orchestrator.intake;

/**
 * Requests from ops (through the API) that change an organization's line. They wait in the same per-organization
 * queue as upstream events, so they never run beside another saga of the organization.
 */
public sealed interface OpsRequest permits OpsRequest.RetrySetup, OpsRequest.Cleanup {
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

    static String typeOf(OpsRequest request) {
        return request instanceof RetrySetup ? RetrySetup.TYPE : Cleanup.TYPE;
    }
}
