package io.switchboard.orchestrator.templates;

import java.time.Instant;
import java.util.List;

/** One version of a template as the API shows it. */
public record AssistantTemplateView(
        String name,
        int version,
        boolean isDefault,
        String systemPrompt,
        String firstMessage,
        String outboundFirstMessage,
        AssistantTemplateRequest.Model model,
        AssistantTemplateRequest.Voice voice,
        Instant createdAt,
        String createdBy) {

    static AssistantTemplateView of(AssistantTemplate t, boolean isDefault) {
        return new AssistantTemplateView(t.name(), t.version(), isDefault, t.systemPrompt(), t.firstMessage(),
                t.outboundFirstMessage(), new AssistantTemplateRequest.Model(t.modelProvider(), t.model()),
                new AssistantTemplateRequest.Voice(t.voiceProvider(), t.voiceId()), t.createdAt(), t.createdBy());
    }

    /** {@code GET /api/v1/assistant-templates/{name}}: every version, oldest first. */
    public record Versions(String name, boolean isDefault, int latestVersion, List<AssistantTemplateView> versions) {
    }
}
