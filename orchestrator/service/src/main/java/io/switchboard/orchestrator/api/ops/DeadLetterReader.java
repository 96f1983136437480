package io.switchboard.orchestrator.api.ops;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads a dead-letter topic from the beginning with a short-lived consumer that joins no group and commits
 * nothing: looking at a DLQ never moves anyone's offsets.
 */
public class DeadLetterReader {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final ConsumerFactory<String, byte[]> consumers;

    public DeadLetterReader(ConsumerFactory<String, byte[]> consumers) {
        this.consumers = consumers;
    }

    /** The batch read, oldest first per partition; {@code truncated} when more records than {@code max} exist. */
    public record Batch(List<ConsumerRecord<String, byte[]>> records, boolean truncated) {
    }

    public Batch readAll(String deadLetterTopic, int max) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "switchboard-ops-dlq-reader", null,
                overrides)) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new ApiProblem(ProblemType.DEAD_LETTER_TOPIC_NOT_FOUND, "The dead-letter topic " + deadLetterTopic
                        + " does not exist yet: nothing was ever dead-lettered there.").with("topic", deadLetterTopic);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!reachedEnd(consumer, end) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (records.size() >= max) {
                        return new Batch(records, true);
                    }
                    records.add(record);
                }
            }
            return new Batch(records, !reachedEnd(consumer, end));
        }
    }

    /**
     * The record at one position, read directly (assign, seek, one record): empty when the partition or offset does
     * not exist, or the offset was removed by retention or compaction.
     */
    public Optional<ConsumerRecord<String, byte[]>> readOne(String deadLetterTopic, int partition, long offset) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "switchboard-ops-dlq-reader", null,
                overrides)) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new ApiProblem(ProblemType.DEAD_LETTER_TOPIC_NOT_FOUND, "The dead-letter topic " + deadLetterTopic
                        + " does not exist yet: nothing was ever dead-lettered there.").with("topic", deadLetterTopic);
            }
            if (infos.stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(deadLetterTopic, partition);
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (Instant.now().isBefore(deadline) && consumer.position(tp) <= offset) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static boolean reachedEnd(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
