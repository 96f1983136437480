package io.switchboard.saga.timers;

import io.switchboard.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Over the real broker: timers stay held while replies published before the start are unconsumed. */
class ReplyCatchUpTest {
    private final String topic = "catch-up-" + UUID.randomUUID();
    private final String group = "catch-up-group-" + UUID.randomUUID();
    private final Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafkaBootstrapServers());

    @Test
    void holdsTimersUntilTheGroupHasConsumedWhatWasThereAtStart() throws Exception {
        TestInfrastructure.createTopics(2, topic);
        publish(5);
        CompletableFuture<Void> gate = CompletableFuture.runAsync(
                new ReplyCatchUp(admin, group, topic, Duration.ofSeconds(60), Duration.ofMillis(100)));

        Thread.sleep(1500);
        assertThat(gate).as("5 replies not consumed yet").isNotDone();

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long until = System.currentTimeMillis() + 30_000;
            while (read < 5 && System.currentTimeMillis() < until) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(5);
            consumer.commitSync();
        }
        gate.get(30, TimeUnit.SECONDS);
    }

    @Test
    void givesUpWaitingAfterTheConfiguredBound() {
        TestInfrastructure.createTopics(1, topic);
        publish(1);
        long started = System.nanoTime();
        new ReplyCatchUp(admin, group, topic, Duration.ofSeconds(2), Duration.ofMillis(100)).run();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Test
    void anEmptyTopicHoldsNothing() {
        TestInfrastructure.createTopics(1, topic);
        long started = System.nanoTime();
        new ReplyCatchUp(admin, group, topic, Duration.ofSeconds(30), Duration.ofMillis(100)).run();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well under the 30 s bound")
                .isLessThan(Duration.ofSeconds(15));
    }

    private void publish(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "org-" + i, "reply " + i));
            }
            producer.flush();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
