package io.switchboard.orchestrator.api.ops;

/**
 * What a replay or compensate request did to one saga.
 *
 * @param outcome {@code REPLAYED}, {@code COMPENSATING}, {@code WOULD_REPLAY} (dry run), {@code REJECTED} (see
 *                message), {@code NOT_FOUND}, {@code ERROR}
 * @param state   the saga's state afterwards (null when not found)
 */
public record SagaActionResult(String id, String orgId, String outcome, String state, String message) {
}
