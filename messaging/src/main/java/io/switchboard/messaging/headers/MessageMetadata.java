package io.switchboard.messaging.headers;

/**
 * What the headers of one Kafka record say about it. {@code sagaId}, {@code step} and {@code attempt} are empty for
 * upstream events, which do not belong to a saga yet; {@code deadline} is set on commands only.
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
        String causationId,
        java.time.Instant deadline) {

    /** When the message was written ({@code ce_time}), or {@code null} when absent or unreadable. */
    public java.time.Instant writtenAt() {
        return CloudEventHeaders.parseInstant(time);
    }

    public boolean belongsToSaga() {
        return sagaId != null && !sagaId.isBlank();
    }
}
