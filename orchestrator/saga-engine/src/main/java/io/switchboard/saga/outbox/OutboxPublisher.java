package io.switchboard.saga.outbox;

import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends outbox messages to Kafka and marks them published. Two paths, one thread:
 * <ul>
 *   <li><b>fast path</b>: the messages a transaction committed are handed over right after the commit
 *       ({@link #committed}) and sent as they are, without reading them back; all that was sent in one round is marked
 *       published with one statement;</li>
 *   <li><b>sweep</b>: every {@code sweep-interval}, unpublished rows older than {@code sweep-grace} (a crash between
 *       commit and send, a handover lost with a restart) are read in id order with {@code FOR UPDATE SKIP LOCKED} (so
 *       several orchestrator instances can run side by side), sent and marked.</li>
 * </ul>
 * If a send fails, the fast path stops and the sweep takes over with no grace until nothing is left, so messages keep
 * their commit order (per organization, what Kafka's key order needs). A crash between send and mark re-sends:
 * consumers absorb duplicates (workers by request id, the orchestrator's inbox and idempotent replies).
 */
public class OutboxPublisher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonCodec codec;
    private final MessageAuthenticator authenticator;
    private final OutboxProperties properties;
    private final Clock clock;
    private final BlockingQueue<List<OutgoingMessage>> handovers = new LinkedBlockingQueue<>();
    /** Sent by the fast path, not yet marked published: marked together, at most {@code mark-interval} later. */
    private final List<UUID> sentUnmarked = new ArrayList<>();
    private Instant lastMark = Instant.EPOCH;
    private volatile boolean degraded;
    private volatile boolean running;
    private Thread thread;

    public OutboxPublisher(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                           JsonCodec codec, MessageAuthenticator authenticator, OutboxProperties properties,
                           Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.codec = codec;
        this.authenticator = authenticator;
        this.properties = properties;
        this.clock = clock;
    }

    /** Called right after a transaction committed these messages to the outbox. */
    public void committed(List<OutgoingMessage> messages) {
        if (!messages.isEmpty()) {
            handovers.add(messages);
        }
    }

    /** Makes the next sweep happen now (e.g. after rows were written outside a transaction). */
    public void wakeUp() {
        handovers.add(List.of());
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp(); // the loop marks what it sent before it ends
        if (thread != null) {
            try {
                thread.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Instant nextSweep = clock.instant();
        try {
            publishUntilStopped(nextSweep);
        } finally {
            try {
                markSent(true);
            } catch (RuntimeException e) {
                log.warn("Could not mark sent outbox messages at shutdown (the sweep will send them again): {}",
                        e.getMessage());
            }
        }
    }

    private void publishUntilStopped(Instant nextSweep) {
        while (running) {
            try {
                List<OutgoingMessage> first = handovers.poll(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                boolean wokenUp = first != null && first.isEmpty();
                if (first != null && !first.isEmpty()) {
                    List<OutgoingMessage> round = new ArrayList<>(first);
                    drainInto(round);
                    sendFast(round);
                }
                markSent(first == null);
                if (wokenUp || degraded || !clock.instant().isBefore(nextSweep)) {
                    while (publishBatch() == properties.batchSize() && running) {
                        // keep sweeping while full batches come back
                    }
                    nextSweep = clock.instant().plus(properties.sweepInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox publishing failed, will retry: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void drainInto(List<OutgoingMessage> round) {
        List<List<OutgoingMessage>> more = new ArrayList<>();
        handovers.drainTo(more, 256);
        more.forEach(round::addAll);
    }

    private void sendFast(List<OutgoingMessage> round) {
        if (degraded) {
            return; // the sweep owns everything unpublished until it has caught up, in id order
        }
        try {
            awaitAcks(round.stream().map(m -> kafka.send(record(m.topic(), m.key(), m.headers(), m.payload()))).toList());
        } catch (RuntimeException e) {
            degraded = true;
            log.warn("Sending {} committed messages failed ({}); the outbox sweep takes over", round.size(), e.getMessage());
            return;
        }
        round.forEach(m -> sentUnmarked.add(m.id()));
    }

    /**
     * Marks what the fast path sent as published, with one statement for everything sent since the last mark: when
     * idle ({@code now}), when a batch's worth is waiting, or {@code mark-interval} after the last mark. A crash
     * before the mark makes the sweep send those messages again (after {@code sweep-grace}), which consumers absorb.
     */
    private void markSent(boolean now) {
        if (sentUnmarked.isEmpty()) {
            return;
        }
        Instant at = clock.instant();
        if (!now && sentUnmarked.size() < properties.batchSize()
                && at.isBefore(lastMark.plus(properties.markInterval()))) {
            return;
        }
        jdbc.update("update outbox_message set published_at = ?, attempts = attempts + 1 where message_id = any(?) "
                + "and published_at is null", Timestamp.from(at), sentUnmarked.toArray(UUID[]::new));
        sentUnmarked.clear();
        lastMark = at;
    }

    /**
     * Sends the oldest unpublished rows (older than the sweep grace, unless the fast path is down) and marks them.
     *
     * @return how many messages were published
     */
    public int publishBatch() {
        Instant olderThan = degraded ? clock.instant() : clock.instant().minus(properties.sweepGrace());
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.query("select id, topic, message_key, headers, payload from outbox_message "
                            + "where published_at is null and created_at <= ? order by id limit ? for update skip locked",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                    Timestamp.from(olderThan), properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            awaitAcks(rows.stream().map(row -> kafka.send(row.toRecord(codec, this))).toList());
            jdbc.update("update outbox_message set published_at = ?, attempts = attempts + 1 where id = any(?)",
                    Timestamp.from(clock.instant()), rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        int published = sent == null ? 0 : sent;
        if (degraded && published < properties.batchSize()) {
            degraded = false;
            log.info("Outbox backlog sent; committed messages go out directly again");
        }
        return published;
    }

    private void awaitAcks(List<? extends CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge outbox messages: " + e.getMessage(), e);
        }
    }

    /** Deletes at most {@code limit} messages published longer ago than the retention; returns how many. */
    public int purgePublished(int limit) {
        return jdbc.update("delete from outbox_message where id in (select id from outbox_message "
                        + "where published_at < ? order by id limit ?)",
                Timestamp.from(clock.instant().minus(properties.retention())), limit);
    }

    /** Tagged on the way out, so a key rotation applies to messages still waiting in the outbox too. */
    private ProducerRecord<String, byte[]> record(String topic, String key, Map<String, String> headers, byte[] payload) {
        return new ProducerRecord<>(topic, null, key, payload,
                CloudEventHeaders.toKafka(authenticator.signed(topic, key, payload, headers)));
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.sweepInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, String topic, String key, String headersJson, byte[] payload) {
        @SuppressWarnings("unchecked")
        ProducerRecord<String, byte[]> toRecord(JsonCodec codec, OutboxPublisher publisher) {
            return publisher.record(topic, key, codec.decodeLenient(headersJson, Map.class), payload);
        }
    }
}
