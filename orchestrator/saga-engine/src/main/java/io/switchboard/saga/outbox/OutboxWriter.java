package io.switchboard.saga.outbox;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.codec.JsonCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records an outgoing message in the caller's transaction, so it is sent if and only if the state change that
 * produced it commits. The messages of one transaction are inserted together just before it commits (one batched
 * statement), and handed to the publisher right after, which sends them without reading them back; its periodic
 * sweep is the backstop for anything a crash kept it from sending.
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
        OutgoingMessage message = new OutgoingMessage(UUID.fromString(headers.get(Headers.CE_ID)), topic, key,
                Map.copyOf(headers), payload, clock.instant());
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            insert(List.of(message));
            publisher.wakeUp();
            return;
        }
        TransactionBatch batch = (TransactionBatch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            batch = new TransactionBatch();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        batch.messages.add(message);
    }

    private void insert(List<OutgoingMessage> messages) {
        jdbc.batchUpdate("insert into outbox_message (message_id, topic, message_key, headers, payload, created_at) "
                        + "values (?, ?, ?, ?::jsonb, ?, ?)",
                messages.stream().map(m -> new Object[]{m.id(), m.topic(), m.key(), codec.encodeToString(m.headers()),
                        m.payload(), Timestamp.from(m.createdAt())}).toList());
    }

    /** The messages one transaction writes: inserted before it commits, handed to the publisher after. */
    private final class TransactionBatch implements TransactionSynchronization {
        private final List<OutgoingMessage> messages = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            insert(messages);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
            if (status == STATUS_COMMITTED) {
                publisher.committed(List.copyOf(messages));
            }
        }
    }
}
