package io.switchboard.orchestrator.api.ops;

/** Body of {@code POST /api/v1/sagas/{id}/compensate}: why ops stop the saga (recorded as its failure reason). */
public record CompensateRequest(String reason) {
}
