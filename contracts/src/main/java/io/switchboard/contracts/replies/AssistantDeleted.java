package io.switchboard.contracts.replies;

public record AssistantDeleted(String assistantId, boolean alreadyDeleted) implements Reply {
    public static final String TYPE = "io.switchboard.reply.AssistantDeleted.v1";
}
