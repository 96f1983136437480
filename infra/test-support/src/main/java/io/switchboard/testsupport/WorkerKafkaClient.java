package io.switchboard.testsupport;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the orchestrator does on the wire, reduced to a test: publish a command with CloudEvents and saga headers,
 * read what comes back on the reply and dead-letter topics. Shared by the worker adapters' Kafka tests.
 */
public final class WorkerKafkaClient implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/switchboard/orchestrator");

    public WorkerKafkaClient(String bootstrap, String... readTopics) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : readTopics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Publishes a command as the orchestrator would; returns its {@code ce_id}. */
    public String sendCommand(String topic, String orgId, String ceType, Object command) {
        return sendRaw(topic, orgId, ceType, codec.encode(command));
    }

    /** As {@link #sendCommand(String, String, String, Object)}, with the orchestrator's {@code sb_deadline}. */
    public String sendCommand(String topic, String orgId, String ceType, Object command, Instant deadline) {
        return send(topic, orgId, ceType, codec.encode(command), deadline);
    }

    public String sendRaw(String topic, String orgId, String ceType, byte[] body) {
        return send(topic, orgId, ceType, body, null);
    }

    /**
     * Publishes a record as someone without the keyset would (an attacker with write access to the topic):
     * orchestrator-looking headers, but no valid {@code sb_mac}. Returns its {@code ce_id}.
     */
    public String sendForged(String topic, String orgId, String ceType, Object command) {
        return publish(topic, orgId, commandHeaders(orgId, ceType, null), codec.encode(command), false);
    }

    private String send(String topic, String orgId, String ceType, byte[] body, Instant deadline) {
        return publish(topic, orgId, commandHeaders(orgId, ceType, deadline), body, true);
    }

    private Map<String, String> commandHeaders(String orgId, String ceType, Instant deadline) {
        return headers.newMessage(UUID.randomUUID().toString(), ceType, orgId,
                SagaRouting.command("saga-" + UUID.randomUUID(), "step", 1, null, deadline));
    }

    private String publish(String topic, String orgId, Map<String, String> h, byte[] body, boolean authentic) {
        Map<String, String> sent = authentic ? TestMessageKeys.authenticator().signed(topic, orgId, body, h) : h;
        try {
            producer.send(new ProducerRecord<>(topic, null, orgId, body, CloudEventHeaders.toKafka(sent)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
        return h.get(Headers.CE_ID);
    }

    /** The reply to the command with this {@code ce_id}; fails the test if none arrives within {@code timeout}. */
    public ConsumerRecord<String, byte[]> awaitReplyTo(String commandId, Duration timeout) {
        return awaitRecord("a reply to command " + commandId, timeout,
                r -> commandId.equals(CloudEventHeaders.read(r.headers(), Headers.CAUSATION_ID)));
    }

    /** The record with this {@code ce_id} on {@code topic} (e.g. a dead letter); fails the test if none arrives in time. */
    public ConsumerRecord<String, byte[]> awaitOnTopic(String topic, String ceId, Duration timeout) {
        return awaitRecord("record " + ceId + " on " + topic, timeout,
                r -> r.topic().equals(topic) && ceId.equals(CloudEventHeaders.read(r.headers(), Headers.CE_ID)));
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String what, Duration timeout,
                                                       Predicate<ConsumerRecord<String, byte[]>> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            Optional<ConsumerRecord<String, byte[]>> found = received.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("No " + what + " within " + timeout);
    }

    public <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return codec.decode(record.value(), type);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
