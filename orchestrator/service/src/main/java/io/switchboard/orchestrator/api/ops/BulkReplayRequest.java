package io.switchboard.orchestrator.api.ops;

/**
 * Body of {@code POST /api/v1/sagas/replay}: the same filters as the list (query parameters work too; the body
 * wins). Only FAILED sagas are replayed; {@code limit} caps how many (default 100).
 */
public record BulkReplayRequest(String type, String state, String orgId, String failedStep, String olderThan,
                                Integer limit, Boolean dryRun) {
}
