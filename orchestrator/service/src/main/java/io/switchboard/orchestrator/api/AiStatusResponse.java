package io.switchboard.orchestrator.api;

import java.time.Instant;

/** {@code GET /api/v1/organizations/{id}/ai-status}: the organization's line as upstream services see it. */
public record AiStatusResponse(
        String orgId,
        boolean hasSetup,
        boolean setupCompleted,
        String status,
        String phoneNumber,
        Assistants assistants,
        Instant setupDate,
        LatestSaga latestSaga) {

    public record Assistants(String inbound, String outbound) {
    }

    public record LatestSaga(String id, String type, String state, String failedStep, String failureReason) {
    }
}
