package io.switchboard.orchestrator.aiconfig;

import io.switchboard.contracts.replies.AssistantCreated;

/** The assistant template (name and immutable version) an assistant runs, as VAPI's record of it says. */
public record AssistantTemplateRef(String name, int version) {

    /** What the worker reported; {@code null} for an assistant that records no template (the worker's defaults). */
    public static AssistantTemplateRef of(AssistantCreated reply) {
        return reply.templateName() == null || reply.templateVersion() == null
                ? null : new AssistantTemplateRef(reply.templateName(), reply.templateVersion());
    }
}
