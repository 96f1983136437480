package io.switchboard.harness;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes organization events the way an upstream service does; returns each event's identity ({@code ce_source},
 * {@code ce_id}). Idempotent with {@code acks=all}, and patient: a record is retried for up to 5 minutes, so a
 * broker restart delays it rather than failing it; only what the broker acknowledged counts as published.
 */
public final class EventPublisher implements AutoCloseable {
    /** The upstream admin service, as the harness plays it. */
    public static final String SOURCE = "/switchboard/harness";
    /** A second upstream service, whose ids may collide with the first one's. */
    public static final String PARTNER_SOURCE = "/switchboard/harness-partner";

    private final KafkaProducer<String, byte[]> producer;
    private final JsonCodec codec = new JsonCodec();
    private final Map<String, CloudEventHeaders> headersBySource = new ConcurrentHashMap<>();

    public EventPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public static String ownerOf(String orgId) {
        return "owner@" + orgId + ".example";
    }

    public Sent approve(String orgId, String orgName, String areaCode) {
        return approveFrom(SOURCE, UUID.randomUUID().toString(), orgId, orgName, areaCode);
    }

    public Sent approveFrom(String source, String eventId, String orgId, String orgName, String areaCode) {
        OrganizationApproved event = new OrganizationApproved(orgId, orgName, ownerOf(orgId), "verified", "US",
                areaCode, null);
        return send(source, eventId, orgId, OrganizationApproved.TYPE, codec.encode(event));
    }

    /** An approval whose numbers come from the organization's own Twilio account (a registered credential). */
    public Sent approveWithCredential(String orgId, String orgName, String areaCode, String twilioCredentialId) {
        OrganizationApproved event = new OrganizationApproved(orgId, orgName, ownerOf(orgId), "verified", "US",
                areaCode, twilioCredentialId);
        return send(SOURCE, UUID.randomUUID().toString(), orgId, OrganizationApproved.TYPE, codec.encode(event));
    }

    public Sent toggle(String orgId, boolean inboundAi) {
        return toggleFrom(SOURCE, UUID.randomUUID().toString(), orgId, inboundAi);
    }

    public Sent toggleFrom(String source, String eventId, String orgId, boolean inboundAi) {
        return send(source, eventId, orgId, InboundAiChanged.TYPE, codec.encode(new InboundAiChanged(orgId, inboundAi)));
    }

    /** The very same event once more (same source, id, type and body): a redelivery that must start nothing. */
    public Sent resend(Sent original) {
        return send(original.source(), original.eventId(), original.orgId(), original.type(), original.body());
    }

    private Sent send(String source, String eventId, String orgId, String type, byte[] body) {
        Map<String, String> h = headersBySource.computeIfAbsent(source, CloudEventHeaders::new)
                .newMessage(eventId, type, orgId, null);
        Future<?> ack = producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, orgId, body, CloudEventHeaders.toKafka(h)));
        return new Sent(h.get(Headers.CE_ID), source, orgId, type, body, ack);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** An event handed to the producer; {@link #await()} waits for the broker's acknowledgement. */
    public record Sent(String eventId, String source, String orgId, String type, byte[] body, Future<?> ack) {
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

        /** Whether the broker acknowledged it (waits for the answer). */
        public boolean acknowledged() {
            try {
                ack.get();
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The event's identity as CloudEvents defines it, as the orchestrator records it. */
        public String identity() {
            return source + " " + eventId;
        }
    }
}
