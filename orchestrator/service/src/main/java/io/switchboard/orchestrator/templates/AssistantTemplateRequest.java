package io.switchboard.orchestrator.templates;

/**
 * {@code POST /api/v1/assistant-templates}: a template's next version (its first for a new name). {@code model} and
 * {@code voice} are shaped like VAPI's {@code CreateAssistantDTO}.
 *
 * @param outboundFirstMessage optional: what the outbound assistant says first (else {@code firstMessage})
 * @param createdBy            optional: who made this version (e.g. an operator's name), else {@code ops}
 */
public record AssistantTemplateRequest(
        String name,
        String systemPrompt,
        String firstMessage,
        String outboundFirstMessage,
        Model model,
        Voice voice,
        String createdBy) {

    public record Model(String provider, String model) {
    }

    public record Voice(String provider, String voiceId) {
    }

    TemplateStore.NewTemplate toNewTemplate() {
        return new TemplateStore.NewTemplate(name, systemPrompt, firstMessage, outboundFirstMessage,
                model == null ? null : model.provider(), model == null ? null : model.model(),
                voice == null ? null : voice.provider(), voice == null ? null : voice.voiceId(),
                createdBy == null ? "ops" : createdBy);
    }
}
