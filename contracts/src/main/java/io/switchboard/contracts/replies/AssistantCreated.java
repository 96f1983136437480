package io.switchboard.contracts.replies;

public record AssistantCreated(String assistantId, String name) implements Reply {
    public static final String TYPE = "io.switchboard.reply.AssistantCreated.v1";
}
