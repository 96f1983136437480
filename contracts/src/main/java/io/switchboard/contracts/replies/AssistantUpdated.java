package io.switchboard.contracts.replies;

/**
 * The assistant now runs the template its VAPI metadata names.
 *
 * @param templateName    as the updated assistant's metadata records it
 * @param templateVersion that template's version
 */
public record AssistantUpdated(String assistantId, String templateName, Integer templateVersion) implements Reply {
    public static final String TYPE = "io.switchboard.reply.AssistantUpdated.v1";
}
