package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;

import java.time.Instant;
import java.util.Locale;

/**
 * One immutable version of a named assistant template. {@code {orgName}} and {@code {role}} in the prompt and the
 * first messages are filled in for each organization and assistant.
 *
 * @param outboundFirstMessage what the outbound assistant says first; {@code null}: {@code firstMessage}
 */
public record AssistantTemplate(
        String name,
        int version,
        String systemPrompt,
        String firstMessage,
        String outboundFirstMessage,
        String modelProvider,
        String model,
        String voiceProvider,
        String voiceId,
        Instant createdAt,
        String createdBy) {

    public static final String ORG_NAME = "{orgName}";
    public static final String ROLE = "{role}";

    /** The configuration of one organization's assistant, placeholders filled in. */
    public AssistantConfig configFor(String orgName, AssistantRole role) {
        String first = role == AssistantRole.OUTBOUND && outboundFirstMessage != null ? outboundFirstMessage : firstMessage;
        return new AssistantConfig(name, version, fill(systemPrompt, orgName, role), fill(first, orgName, role),
                modelProvider, model, voiceProvider, voiceId);
    }

    static String fill(String text, String orgName, AssistantRole role) {
        return text.replace(ORG_NAME, orgName == null ? "" : orgName)
                .replace(ROLE, role.name().toLowerCase(Locale.ROOT));
    }
}
