package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;

/**
 * What an {@code assistant-template-update} saga makes an organization's existing assistants run: the effective
 * template, resolved (placeholders filled in) when the update was planned, so the whole saga applies one version.
 *
 * @param inbound         the inbound assistant's configuration; {@code null}: the line has no inbound assistant
 * @param outbound        the same for the outbound assistant
 * @param inboundTemplate what the inbound assistant records after its update ({@code null} until then)
 */
public record TemplateUpdateData(
        String orgId,
        String inboundAssistantId,
        String outboundAssistantId,
        AssistantConfig inbound,
        AssistantConfig outbound,
        AssistantTemplateRef inboundTemplate,
        AssistantTemplateRef outboundTemplate) {

    public boolean updatesInbound() {
        return inboundAssistantId != null && inbound != null;
    }

    public boolean updatesOutbound() {
        return outboundAssistantId != null && outbound != null;
    }

    public TemplateUpdateData withInboundUpdated(AssistantUpdated reply) {
        return new TemplateUpdateData(orgId, inboundAssistantId, outboundAssistantId, inbound, outbound, ref(reply),
                outboundTemplate);
    }

    public TemplateUpdateData withOutboundUpdated(AssistantUpdated reply) {
        return new TemplateUpdateData(orgId, inboundAssistantId, outboundAssistantId, inbound, outbound,
                inboundTemplate, ref(reply));
    }

    private static AssistantTemplateRef ref(AssistantUpdated reply) {
        return reply.templateName() == null || reply.templateVersion() == null
                ? null : new AssistantTemplateRef(reply.templateName(), reply.templateVersion());
    }
}
