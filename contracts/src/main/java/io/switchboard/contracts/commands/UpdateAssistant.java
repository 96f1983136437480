package io.switchboard.contracts.commands;

/**
 * Make an existing assistant of the organization run the given configuration (VAPI {@code PATCH /assistant/{id}}),
 * after checking it is the organization's. Idempotent: the same configuration sent twice leaves the same assistant.
 *
 * @param assistant the resolved template (placeholders filled in), as in {@link CreateAssistant#assistant()}
 */
public record UpdateAssistant(
        String orgId,
        String requestId,
        String assistantId,
        AssistantRole role,
        AssistantConfig assistant) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.UpdateAssistant.v1";
}
