package io.switchboard.saga.outbox;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.codec.JsonCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records an outgoing message in the caller's transaction, so it is sent if and only if the state change that
 * produced it commits. The messages of one transaction are inserted together just before it commits (one
 * statement), unless the caller inserted them itself with its own change ({@link #message}, {@link #inserted}); all
 * are handed to the publisher right after the commit, which sends them without reading them back; its periodic
 * sweep is the backstop for anything a crash kept it from sending.
 */
public class OutboxWriter {
    private final JdbcTemplate jdbc;
    private final OutboxRows rows;
    private final OutboxPublisher publisher;
    private final Clock clock;

    public OutboxWriter(JdbcTemplate jdbc, JsonCodec codec, OutboxPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.rows = new OutboxRows(codec);
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param headers must contain {@code ce_id}, which becomes the outbox row's message id */
    public void write(String topic, String key, Map<String, String> headers, byte[] payload) {
        OutgoingMessage message = message(topic, key, headers, payload);
        TransactionBatch batch = batch();
        if (batch == null) {
            insert(List.of(message));
            publisher.wakeUp();
            return;
        }
        batch.toInsert.add(message);
        batch.all.add(message);
    }

    /**
     * A message for the caller to insert itself, with its own change ({@link OutboxRows}); then it calls
     * {@link #inserted}.
     *
     * @param headers must contain {@code ce_id}, which becomes the outbox row's message id
     */
    public OutgoingMessage message(String topic, String key, Map<String, String> headers, byte[] payload) {
        return new OutgoingMessage(UUID.fromString(headers.get(Headers.CE_ID)), topic, key, Map.copyOf(headers),
                payload, clock.instant());
    }

    /** Messages the caller inserted in its transaction: handed to the publisher once it commits. */
    public void inserted(List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        TransactionBatch batch = batch();
        if (batch == null) {
            publisher.committed(List.copyOf(messages));
            return;
        }
        batch.all.addAll(messages);
    }

    /** This transaction's messages, or null outside a transaction (the caller's statements commit on their own). */
    private TransactionBatch batch() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        TransactionBatch batch = (TransactionBatch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            batch = new TransactionBatch();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        return batch;
    }

    private void insert(List<OutgoingMessage> messages) {
        jdbc.update("insert into outbox_message (" + OutboxRows.COLUMNS + ") " + OutboxRows.values(messages.size()),
                statement -> rows.bind(statement, 1, messages));
    }

    /**
     * The messages one transaction sends, in the order they were written: those still to insert are inserted before it
     * commits; all are handed to the publisher after.
     */
    private final class TransactionBatch implements TransactionSynchronization {
        private final List<OutgoingMessage> toInsert = new ArrayList<>();
        private final List<OutgoingMessage> all = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!toInsert.isEmpty()) {
                insert(toInsert);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
            if (status == STATUS_COMMITTED) {
                publisher.committed(List.copyOf(all));
            }
        }
    }
}
