package io.switchboard.saga.outbox;

import io.switchboard.messaging.codec.JsonCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

/**
 * Records an outgoing message in the caller's transaction, so it is sent if and only if the state change that
 * produced it commits. The publisher is woken right after commit; its periodic sweep is the backstop.
 */
public class OutboxWriter {
    private final JdbcTemplate jdbc;
    private final JsonCodec codec;
    private final OutboxPublisher publisher;
    private final Clock clock;

    public OutboxWriter(JdbcTemplate jdbc, JsonCodec codec, OutboxPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param headers must contain {@code ce_id}, which becomes the outbox row's message id */
    public void write(String topic, String key, Map<String, String> headers, byte[] payload) {
        UUID messageId = UUID.fromString(headers.get(io.switchboard.contracts.wire.Headers.CE_ID));
        jdbc.update("insert into outbox_message (message_id, topic, message_key, headers, payload, created_at) "
                        + "values (?, ?, ?, ?::jsonb, ?, ?)",
                messageId, topic, key, codec.encodeToString(headers), payload, Timestamp.from(clock.instant()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publisher.wakeUp();
                }
            });
        }
    }
}
