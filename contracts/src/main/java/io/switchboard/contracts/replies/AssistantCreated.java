package io.switchboard.contracts.replies;

/**
 * @param templateName    the assistant template the assistant runs, as its VAPI metadata records it ({@code null}:
 *                        created from the worker's defaults, or before templates); left out of the JSON when absent
 * @param templateVersion that template's version, {@code null} with it
 */
public record AssistantCreated(String assistantId, String name, String templateName, Integer templateVersion)
        implements Reply {
    public static final String TYPE = "io.switchboard.reply.AssistantCreated.v1";

    /** An assistant that records no template. */
    public AssistantCreated(String assistantId, String name) {
        this(assistantId, name, null, null);
    }
}
