package io.switchboard.messaging.headers;

/** The saga headers of a command or reply: which saga, which step, which try, and where to answer. */
public record SagaRouting(String sagaId, String step, int attempt, String replyTopic, String causationId) {
    public static SagaRouting command(String sagaId, String step, int attempt, String replyTopic) {
        return new SagaRouting(sagaId, step, attempt, replyTopic, null);
    }

    public static SagaRouting replyTo(MessageMetadata command) {
        return new SagaRouting(command.sagaId(), command.step(), command.attempt(), null, command.id());
    }
}
