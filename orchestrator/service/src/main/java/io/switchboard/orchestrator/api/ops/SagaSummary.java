package io.switchboard.orchestrator.api.ops;

import java.time.Instant;

/** One line of {@code GET /api/v1/sagas}; {@code GET /api/v1/sagas/{id}} has the step history. */
public record SagaSummary(String id, String type, String state, String orgId, String failedStep, String failureReason,
                          Instant createdAt, Instant updatedAt) {
}
