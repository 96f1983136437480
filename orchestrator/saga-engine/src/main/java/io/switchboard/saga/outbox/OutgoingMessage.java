package io.switchboard.saga.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A message committed to the outbox and still to be sent; {@code id} is its {@code ce_id}. */
public record OutgoingMessage(UUID id, String topic, String key, Map<String, String> headers, byte[] payload,
                              Instant createdAt) {
}
