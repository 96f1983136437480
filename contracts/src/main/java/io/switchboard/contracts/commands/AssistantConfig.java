package io.switchboard.contracts.commands;

/**
 * What a new assistant says and runs, resolved by the orchestrator from the organization's assistant template (its
 * own pinned one, else the default) with the placeholders already filled in. The VAPI worker sends it as it is in
 * VAPI's {@code CreateAssistantDTO} ({@code firstMessage}, {@code model}, {@code voice}) and records the template in
 * the assistant's metadata, knowing nothing else about templates.
 *
 * @param templateName    the template this configuration came from
 * @param templateVersion the template's version (templates are immutable: a version always means the same text)
 * @param systemPrompt    the model's system message
 * @param firstMessage    what the assistant says first
 * @param modelProvider   {@code model.provider} (one of VAPI's model providers, e.g. {@code openai})
 * @param model           {@code model.model} (e.g. {@code gpt-4o})
 * @param voiceProvider   {@code voice.provider} (e.g. {@code vapi}, {@code 11labs})
 * @param voiceId         {@code voice.voiceId}
 */
public record AssistantConfig(
        String templateName,
        int templateVersion,
        String systemPrompt,
        String firstMessage,
        String modelProvider,
        String model,
        String voiceProvider,
        String voiceId) {
}
