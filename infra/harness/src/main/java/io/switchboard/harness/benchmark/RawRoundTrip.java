package io.switchboard.harness.benchmark;

import io.switchboard.harness.Database;
import io.switchboard.harness.Percentiles;
import io.switchboard.infra.stack.LocalKafka;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The raw baseline of a saga step: produce a "command", a bare consumer reads it and produces a "reply", a second
 * bare consumer reads the reply and commits one database row — over the same broker and database as the system, with
 * the same producer settings as the services (acks=all, linger.ms=1). No framework, no outbox, no inbox, no JSON.
 * One message in flight at a time, so the figure is latency, not throughput.
 */
final class RawRoundTrip {
    private RawRoundTrip() {
    }

    static Percentiles measure(String bootstrap, Database db, int warmup, int iterations) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String commands = "harness.raw-commands." + run;
        String replies = "harness.raw-replies." + run;
        LocalKafka.createTopics(bootstrap, List.of(commands, replies), 1, Duration.ofSeconds(30));
        db.update("create table if not exists harness_raw_step (id bigserial primary key, msg text, at timestamptz default now())");

        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
             KafkaConsumer<String, byte[]> worker = consumer(bootstrap, commands);
             KafkaConsumer<String, byte[]> engine = consumer(bootstrap, replies);
             Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("insert into harness_raw_step (msg) values (?)")) {
            connection.setAutoCommit(false);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < warmup + iterations; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(commands, "org", new byte[200]));
                ConsumerRecord<String, byte[]> command = pollOne(worker);
                producer.send(new ProducerRecord<>(replies, command.key(), command.value()));
                ConsumerRecord<String, byte[]> reply = pollOne(engine);
                insert.setString(1, reply.key() + i);
                insert.executeUpdate();
                connection.commit();
                if (i >= warmup) {
                    micros.add((System.nanoTime() - start) / 1000);
                }
            }
            return Percentiles.of(micros.stream().map(m -> m / 1000.0).toList());
        }
    }

    private static ConsumerRecord<String, byte[]> pollOne(KafkaConsumer<String, byte[]> consumer) {
        while (true) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "harness-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        c.assign(List.of(new TopicPartition(topic, 0)));
        return c;
    }
}
