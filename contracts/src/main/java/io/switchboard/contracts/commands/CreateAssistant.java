package io.switchboard.contracts.commands;

/** Create a VAPI assistant, or adopt the one already created for this {@code requestId}. */
public record CreateAssistant(
        String orgId,
        String requestId,
        String orgName,
        AssistantRole role,
        String name) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.CreateAssistant.v1";
}
