package io.switchboard.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaRoundTripTest {

    @Test
    void producedRecordIsConsumedWithKeyValueAndHeaders() throws Exception {
        String prefix = TestInfrastructure.newTopicPrefix();
        String topic = prefix + "org-events";
        TestInfrastructure.createTopics(3, topic);
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();

        RecordMetadata sent;
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(topic, "org-42", "{\"orgId\":\"org-42\"}");
            record.headers().add("ce_type", "io.switchboard.OrganizationApproved.v1".getBytes(StandardCharsets.UTF_8));
            sent = producer.send(record).get();
        }
        assertThat(sent.offset()).isZero();

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "group",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(1);
        ConsumerRecord<String, String> r = received.get(0);
        assertThat(r.key()).isEqualTo("org-42");
        assertThat(r.value()).isEqualTo("{\"orgId\":\"org-42\"}");
        assertThat(r.partition()).isEqualTo(sent.partition());
        assertThat(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("io.switchboard.OrganizationApproved.v1");
    }
}
