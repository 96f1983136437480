package io.switchboard.orchestrator.api;

import java.time.Instant;

/**
 * {@code GET /api/v1/organizations/{id}/ai-status}: the organization's line as upstream services see it.
 *
 * @param hasSetup       the organization has a line (any status), or its onboarding failed: a failed setup is a
 *                       setup, {@code setupCompleted} false, status {@code failed}, {@code latestSaga} says where
 * @param status         the line's status ({@code active}, {@code inactive}, {@code deactivating}), {@code failed}
 *                       (its onboarding failed; retry it), or {@code none}
 * @param organization   the organization as upstream last described it
 */
public record AiStatusResponse(
        String orgId,
        boolean hasSetup,
        boolean setupCompleted,
        String status,
        String phoneNumber,
        Assistants assistants,
        Instant setupDate,
        LatestSaga latestSaga,
        Organization organization) {

    public static final String FAILED = "failed";
    public static final String NONE = "none";

    /**
     * @param inboundTemplate  the assistant template the inbound assistant runs; {@code null}: created before
     *                         templates (or from the VAPI worker's defaults)
     * @param outboundTemplate the same for the outbound assistant
     */
    public record Assistants(String inbound, String outbound, Template inboundTemplate, Template outboundTemplate) {
    }

    /** An assistant template's name and (immutable) version. */
    public record Template(String name, int version) {
    }

    public record LatestSaga(String id, String type, String state, String failedStep, String failureReason) {
    }

    /**
     * @param id          the organization id
     * @param companyName its name ({@code orgName} of its events), {@code null} when no event named it
     * @param inboundAi   the latest {@code InboundAiChanged}, else whether its line is active
     * @param status      its verification status from the latest {@code OrganizationApproved} ({@code verified},
     *                    {@code pending}, {@code rejected}); {@code verified} for a line onboarded before the
     *                    orchestrator recorded it; {@code null} when no approval was seen (e.g. only toggles)
     */
    public record Organization(String id, String companyName, boolean inboundAi, String status) {
    }
}
