package io.switchboard.infra.stack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker as its own process and PostgreSQL with fsync on, each SIGKILLed and restarted on the same ports and
 * data: what a producer saw acknowledged (acks=all, idempotent) and what a transaction committed is still there.
 */
class InfrastructureCrashTest {

    @Test
    void anAcknowledgedRecordSurvivesABrokerKill() throws Exception {
        LocalKafkaConfig config = LocalKafkaConfig.forTests().withNumPartitions(2)
                .withSeparateProcess(System.getProperty("java.class.path"));
        try (LocalKafka kafka = LocalKafka.start(config)) {
            kafka.createTopics(List.of("crash-test"));
            Set<String> acknowledged = new HashSet<>();
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                List<Future<?>> acks = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    acks.add(producer.send(new ProducerRecord<>("crash-test", "k" + (i % 7), "v" + i)));
                }
                for (int i = 0; i < acks.size(); i++) {
                    acks.get(i).get();
                    acknowledged.add("v" + i);
                }
                long pidBefore = ProcessHandle.current().pid();
                kafka.kill();
                assertThat(kafka.alive()).isFalse();
                kafka.restart();
                assertThat(ProcessHandle.current().pid()).as("this JVM survived the broker").isEqualTo(pidBefore);
                // The same producer carries on against the restarted broker.
                producer.send(new ProducerRecord<>("crash-test", "k", "after")).get();
                acknowledged.add("after");
            }
            assertThat(consumeAll(kafka.bootstrapServers(), acknowledged.size())).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void aCommittedTransactionSurvivesADatabaseKill() throws Exception {
        LocalPostgresConfig config = LocalPostgresConfig.forTests()
                .withServerConfig(Map.of("fsync", "on", "synchronous_commit", "on"));
        try (LocalPostgres pg = LocalPostgres.start(config)) {
            String url = pg.createDatabase("crash");
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password()); Statement s = c.createStatement()) {
                s.execute("create table t (id int primary key)");
                s.execute("insert into t select generate_series(1, 500)");
            }
            pg.kill();
            assertThat(pg.alive()).isFalse();
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                 ResultSet rs = c.createStatement().executeQuery("select count(*), current_setting('fsync') from t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(500);
                assertThat(rs.getString(2)).isEqualTo("on");
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "crash-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("crash-test"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            // A little longer: a duplicate would show up here.
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                values.add(r.value());
            }
        }
        return values;
    }
}
