package io.switchboard.messaging.deadletter;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Parks a message that cannot be processed on its topic's dead-letter twin, unchanged (same key, value and
 * headers), with the reason in {@code sb_dlq_*} headers, so ops can read it with the Kafka CLI and redrive it.
 * The send is synchronous: the offset of the bad message is committed only after it is safely parked.
 */
public class DeadLetterPublisher {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String consumerGroup;
    private final Duration sendTimeout;
    private final Clock clock;

    public DeadLetterPublisher(KafkaTemplate<String, byte[]> kafka, String consumerGroup, Duration sendTimeout, Clock clock) {
        this.kafka = kafka;
        this.consumerGroup = consumerGroup;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
    }

    public void publish(ConsumerRecord<String, byte[]> failed, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders(failed.headers().toArray());
        put(headers, Headers.DLQ_REASON, reason);
        if (cause != null) {
            put(headers, Headers.DLQ_EXCEPTION, cause.getClass().getName());
        }
        put(headers, Headers.DLQ_ORIGINAL_TOPIC, failed.topic());
        put(headers, Headers.DLQ_ORIGINAL_PARTITION, Integer.toString(failed.partition()));
        put(headers, Headers.DLQ_ORIGINAL_OFFSET, Long.toString(failed.offset()));
        put(headers, Headers.DLQ_FAILED_AT, Instant.now(clock).toString());
        put(headers, Headers.DLQ_CONSUMER_GROUP, consumerGroup);

        String deadLetterTopic = Topics.deadLetterOf(failed.topic());
        ProducerRecord<String, byte[]> parked =
                new ProducerRecord<>(deadLetterTopic, null, failed.key(), failed.value(), headers);
        try {
            kafka.send(parked).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Not parked means not handled: let the container retry the record instead of losing it.
            throw new IllegalStateException("Could not park message on " + deadLetterTopic, e);
        }
        log.warn("Dead-lettered message topic={} partition={} offset={} key={} reason=\"{}\"",
                failed.topic(), failed.partition(), failed.offset(), failed.key(), reason);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
