package io.switchboard.contracts.commands;

/**
 * Create a VAPI assistant, or adopt the one already created for this {@code requestId}.
 *
 * @param assistant what the assistant says and runs (the organization's template, resolved); {@code null} in commands
 *                  from before assistant templates, or when no template exists: the worker's configured defaults
 *                  ({@code switchboard.vapi.assistant.*}) then apply. Left out of the JSON when absent.
 */
public record CreateAssistant(
        String orgId,
        String requestId,
        String orgName,
        AssistantRole role,
        String name,
        AssistantConfig assistant) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.CreateAssistant.v1";

    /** A command without a template: the worker's defaults. */
    public CreateAssistant(String orgId, String requestId, String orgName, AssistantRole role, String name) {
        this(orgId, requestId, orgName, role, name, null);
    }
}
