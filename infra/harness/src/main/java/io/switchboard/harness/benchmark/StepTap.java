package io.switchboard.harness.benchmark;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the command topics and the reply topic beside the system, as any consumer group of ops could, and keeps when
 * each step attempt's command and reply were produced (the records' CreateTime, stamped by the producing client at
 * send, millisecond resolution). Joined with the step's own times in the saga row, that splits a round trip into the
 * orchestrator's part before the command left, the worker's part (one Kafka hop, its poll, its provider calls and
 * ledger), and the orchestrator's part after the reply was sent.
 */
final class StepTap implements AutoCloseable {
    private static final List<String> TOPICS = List.of(Topics.TWILIO_COMMANDS, Topics.VAPI_COMMANDS,
            Topics.NOTIFIER_COMMANDS, Topics.SAGA_REPLIES);

    /** When one attempt's command and reply were produced, in epoch milliseconds. */
    record Sent(long commandAt, long replyAt) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> commands = new ConcurrentHashMap<>();
    private final Map<String, Long> replies = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    StepTap(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end is fixed now, before any measured saga starts
        poller = new Thread(this::poll, "step-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Optional<String> key = key(record);
                if (key.isPresent()) {
                    (record.topic().equals(Topics.SAGA_REPLIES) ? replies : commands)
                            .putIfAbsent(key.get(), record.timestamp());
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** The attempt's command and reply, if both were seen. */
    Optional<Sent> of(String sagaId, String stepHeader, int attempt) {
        String key = sagaId + "|" + stepHeader + "|" + attempt;
        Long command = commands.get(key);
        Long reply = replies.get(key);
        return command == null || reply == null ? Optional.empty() : Optional.of(new Sent(command, reply));
    }

    private static Optional<String> key(ConsumerRecord<byte[], byte[]> record) {
        Optional<String> saga = header(record, Headers.SAGA_ID);
        Optional<String> step = header(record, Headers.STEP);
        Optional<String> attempt = header(record, Headers.ATTEMPT);
        if (saga.isEmpty() || step.isEmpty() || attempt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(saga.get() + "|" + step.get() + "|" + attempt.get());
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(10_000);
    }
}
