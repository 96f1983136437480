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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends outbox messages to Kafka in id order and marks them published. One thread; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several orchestrator instances can run side by side. A crash between send and
 * mark re-sends the batch: consumers deduplicate by {@code ce_id}.
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
    private final Semaphore wakeUps = new Semaphore(0);
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

    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
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
        wakeUp();
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
        while (running) {
            try {
                int sent = publishBatch();
                if (sent < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
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

    /** @return how many messages were published */
    public int publishBatch() {
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.query("select id, topic, message_key, headers, payload from outbox_message "
                            + "where published_at is null order by id limit ? for update skip locked",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(kafka.send(row.toRecord(codec, authenticator)));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge outbox batch: " + e.getMessage(), e);
            }
            jdbc.update("update outbox_message set published_at = ?, attempts = attempts + 1 where id = any(?)",
                    Timestamp.from(clock.instant()), rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Deletes at most {@code limit} messages published longer ago than the retention; returns how many. */
    public int purgePublished(int limit) {
        return jdbc.update("delete from outbox_message where id in (select id from outbox_message "
                        + "where published_at < ? order by id limit ?)",
                Timestamp.from(clock.instant().minus(properties.retention())), limit);
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
        ProducerRecord<String, byte[]> toRecord(JsonCodec codec, MessageAuthenticator authenticator) {
            Map<String, String> headers = codec.decodeLenient(headersJson, Map.class);
            // Tagged on the way out, so a key rotation applies to messages still waiting in the outbox too.
            return new ProducerRecord<>(topic, null, key, payload,
                    CloudEventHeaders.toKafka(authenticator.signed(topic, key, payload, headers)));
        }
    }
}
