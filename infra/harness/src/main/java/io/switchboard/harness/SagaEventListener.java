package io.switchboard.harness;

import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches {@code switchboard.saga-events.v1} as an upstream observer would and stamps, with this JVM's clock (the
 * same clock that stamped the publish), when each organization's saga ended. End-to-end latency is therefore
 * publish → SagaCompleted as seen by a consumer, including the outbox hop of the final event.
 */
public final class SagaEventListener implements AutoCloseable {
    private static final Set<SagaEvent.Kind> ENDS =
            Set.of(SagaEvent.Kind.SagaCompleted, SagaEvent.Kind.SagaCompensated, SagaEvent.Kind.SagaFailed);

    /** When (System.nanoTime) and how a saga ended. */
    public record Ended(SagaEvent event, long nanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final JsonCodec codec = new JsonCodec();
    private final Map<String, Ended> endedByOrg = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public SagaEventListener(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "harness-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // Assign every partition and seek to the end now, so nothing published after construction is missed.
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAGA_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "saga-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                SagaEvent event = codec.decodeLenient(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8),
                        SagaEvent.class);
                if (event != null && ENDS.contains(event.kind())) {
                    endedByOrg.putIfAbsent(event.orgId(), new Ended(event, now));
                }
            }
        }
        consumer.close();
    }

    public Ended ended(String orgId) {
        return endedByOrg.get(orgId);
    }

    /**
     * Waits until the organization's saga ends and returns when (System.nanoTime); a saga that compensated or failed
     * throws, so a benchmark never counts an undone onboarding as a measured one.
     */
    public long awaitCompleted(String orgId, long startNanos, Duration timeout) throws InterruptedException {
        Ended ended;
        while ((ended = ended(orgId)) == null) {
            Thread.sleep(1);
            if (System.nanoTime() - startNanos > timeout.toNanos()) {
                throw new IllegalStateException("saga of " + orgId + " did not end in " + timeout);
            }
        }
        if (ended.event().kind() != SagaEvent.Kind.SagaCompleted) {
            throw new IllegalStateException("saga of " + orgId + " ended " + ended.event().kind()
                    + ", not completed: the benchmark would measure an undone onboarding");
        }
        return ended.nanos();
    }

    public int endedCount() {
        return endedByOrg.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
