package io.switchboard.messaging.headers;

import java.time.Instant;

/**
 * The saga headers of a command or reply: which saga, which step, which try, where to answer and, on commands,
 * until when the orchestrator waits for the answer ({@code deadline}, may be {@code null}).
 */
public record SagaRouting(String sagaId, String step, int attempt, String replyTopic, String causationId,
                          Instant deadline) {
    public static SagaRouting command(String sagaId, String step, int attempt, String replyTopic, Instant deadline) {
        return new SagaRouting(sagaId, step, attempt, replyTopic, null, deadline);
    }

    public static SagaRouting command(String sagaId, String step, int attempt, String replyTopic) {
        return command(sagaId, step, attempt, replyTopic, null);
    }

    public static SagaRouting replyTo(MessageMetadata command) {
        return new SagaRouting(command.sagaId(), command.step(), command.attempt(), null, command.id(), null);
    }
}
