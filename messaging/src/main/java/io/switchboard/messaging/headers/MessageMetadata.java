package io.switchboard.messaging.headers;

/**
 * What the headers of one Kafka record say about it. {@code sagaId}, {@code step} and {@code attempt} are empty for
 * upstream events, which do not belong to a saga yet.
 */
public record MessageMetadata(
        String id,
        String type,
        String source,
        String subject,
        String time,
        String sagaId,
        String step,
        int attempt,
        String replyTopic,
        String causationId) {

    public boolean belongsToSaga() {
        return sagaId != null && !sagaId.isBlank();
    }
}
