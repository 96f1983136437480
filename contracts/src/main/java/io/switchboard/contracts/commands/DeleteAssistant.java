package io.switchboard.contracts.commands;

/** Delete a VAPI assistant. An assistant that no longer exists counts as deleted. */
public record DeleteAssistant(String orgId, String requestId, String assistantId) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.DeleteAssistant.v1";
}
