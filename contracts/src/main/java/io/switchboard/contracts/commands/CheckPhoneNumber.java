package io.switchboard.contracts.commands;

/**
 * Ask whether a VAPI phone number is active yet. While it is still activating the worker answers
 * {@code StepFailed(NOT_READY, retryable)}, so the saga asks again after its poll interval (a durable timer).
 */
public record CheckPhoneNumber(String orgId, String requestId, String vapiPhoneNumberId) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.CheckPhoneNumber.v1";
}
