package io.switchboard.harness;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Publishes organization events the way the upstream admin service does; returns each event's {@code ce_id}. */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/switchboard/harness");

    public EventPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public static String ownerOf(String orgId) {
        return "owner@" + orgId + ".example";
    }

    public Sent approve(String orgId, String orgName, String areaCode) {
        OrganizationApproved event = new OrganizationApproved(orgId, orgName, ownerOf(orgId), "verified", "US",
                areaCode, null);
        return send(orgId, OrganizationApproved.TYPE, codec.encode(event));
    }

    public Sent toggle(String orgId, boolean inboundAi) {
        return send(orgId, InboundAiChanged.TYPE, codec.encode(new InboundAiChanged(orgId, inboundAi)));
    }

    private Sent send(String orgId, String type, byte[] body) {
        Map<String, String> h = headers.newMessage(type, orgId, null);
        Future<?> ack = producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, orgId, body, CloudEventHeaders.toKafka(h)));
        return new Sent(h.get(io.switchboard.contracts.wire.Headers.CE_ID), orgId, type, ack);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** An event handed to the producer; {@link #await()} waits for the broker's acknowledgement. */
    public record Sent(String eventId, String orgId, String type, Future<?> ack) {
        public void await() {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publish failed for " + orgId, e.getCause());
            }
        }
    }
}
