package io.switchboard.orchestrator.templates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.assistant-templates.*}: which template organizations without their own get, and how large a
 * template may be.
 *
 * @param defaultName            the default template: every organization not pinned to another gets its latest
 *                               version. When no template has this name, new assistants get the VAPI worker's
 *                               configured defaults ({@code switchboard.vapi.assistant.*})
 * @param maxSystemPromptLength  characters of a system prompt (VAPI's document allows a message of up to 100,000,000)
 * @param maxFirstMessageLength  characters of a first message (said aloud at the start of every call)
 */
@ConfigurationProperties(prefix = "switchboard.assistant-templates")
public record TemplateProperties(
        @DefaultValue("default") String defaultName,
        @DefaultValue("20000") int maxSystemPromptLength,
        @DefaultValue("1000") int maxFirstMessageLength) {

    /** VAPI's {@code OpenAIMessage.content} maxLength, the upper bound of a system prompt. */
    public static final int VAPI_MAX_MESSAGE_LENGTH = 100_000_000;

    public TemplateProperties {
        if (maxSystemPromptLength < 1 || maxSystemPromptLength > VAPI_MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("switchboard.assistant-templates.max-system-prompt-length must be 1.."
                    + VAPI_MAX_MESSAGE_LENGTH + " (VAPI's limit)");
        }
        if (maxFirstMessageLength < 1) {
            throw new IllegalArgumentException("switchboard.assistant-templates.max-first-message-length must be positive");
        }
    }

    public static TemplateProperties defaults() {
        return new TemplateProperties("default", 20000, 1000);
    }
}
