package io.switchboard.orchestrator.api.ops;

/** Error body of the ops endpoints: the message says why and what to do (Boot's default body hides it). */
public record OpsError(int status, String error, String message) {
}
