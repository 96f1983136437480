package io.switchboard.messaging.headers;

/**
 * What the headers of one Kafka record say about it. {@code sagaId}, {@code step} and {@code attempt} are empty for
 * upstream events, which do not belong to a saga yet; {@code deadline} is set on commands only.
 */
public record MessageMetadata(
        String id,
        String type,
        String source,
        String specVersion,
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

    /**
     * Why these headers do not identify a CloudEvent, or empty when they do. A message's identity is
     * ({@code ce_source}, {@code ce_id}) as CloudEvents defines it, so both must be present and non-empty; the spec
     * version must be the one we speak; a {@code ce_time} that is present must be a timestamp.
     */
    public java.util.Optional<String> cloudEventProblem() {
        if (id == null || id.isBlank()) {
            return java.util.Optional.of("missing or empty ce_id");
        }
        if (source == null || source.isBlank()) {
            return java.util.Optional.of("missing or empty ce_source");
        }
        if (!io.switchboard.contracts.wire.Headers.CLOUDEVENTS_SPEC_VERSION.equals(specVersion)) {
            return java.util.Optional.of("ce_specversion must be "
                    + io.switchboard.contracts.wire.Headers.CLOUDEVENTS_SPEC_VERSION + ", got '" + specVersion + "'");
        }
        if (time != null && writtenAt() == null) {
            return java.util.Optional.of("ce_time '" + time + "' is not an RFC 3339 timestamp");
        }
        return java.util.Optional.empty();
    }

    public boolean belongsToSaga() {
        return sagaId != null && !sagaId.isBlank();
    }
}
