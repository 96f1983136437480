package io.switchboard.orchestrator.kafka;

import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.testsupport.TestInfrastructure;
import io.switchboard.testsupport.TestMessageKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** A plain Kafka producer and reader for tests, as an upstream service or an ops person would use the broker. */
public final class KafkaTestClient implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Sends as a worker does: tagged with the test JVM's message keyset. */
    public void sendAuthentic(String topic, String key, Map<String, String> headers, String body) {
        byte[] value = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        send(topic, key, TestMessageKeys.authenticator().signed(topic, key, value, headers), body);
    }

    /** Sends exactly these headers: an upstream event, or a record from someone without the keyset. */
    public void send(String topic, String key, Map<String, String> headers, String body) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.toKafka(headers))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes an upstream event with CloudEvents headers and returns its ce_id. */
    public String publishEvent(String topic, String ceType, String orgId, String json) {
        String id = UUID.randomUUID().toString();
        publishEvent(topic, id, ceType, orgId, json);
        return id;
    }

    public void publishEvent(String topic, String ceId, String ceType, String orgId, String json) {
        publishEvent(topic, "/tests/admin-service", ceId, ceType, orgId, json);
    }

    /** An upstream event from {@code source}: (source, ce_id) is its identity. */
    public void publishEvent(String topic, String source, String ceId, String ceType, String orgId, String json) {
        send(topic, orgId, Map.of("ce_id", ceId, "ce_type", ceType, "ce_source", source,
                "ce_specversion", "1.0", "ce_subject", orgId, "content-type", "application/json"), json);
    }

    /** Reads the topic from the beginning until {@code until} holds for the records read, or the timeout. */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> until,
                                                                 Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (until.test(records)) {
                    return records;
                }
            }
            return records;
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.read(record.headers(), name);
    }

    public static String body(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
