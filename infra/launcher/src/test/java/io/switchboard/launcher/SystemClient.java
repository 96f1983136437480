package io.switchboard.launcher;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.api.security.ApiProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** What an upstream service and an ops person do with the running system: publish events, read the status API. */
final class SystemClient implements AutoCloseable {
    private static final Set<String> ENDED = Set.of("COMPLETED", "COMPENSATED", "FAILED");
    /** The orchestrator's API needs a bearer token; system tests use the local stack's dev ops token. */
    static final String OPS_AUTHORIZATION = "Bearer " + ApiProperties.DEV_OPS_TOKEN;

    private final Supplier<String> orchestratorUrl;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/tests/admin-service");
    private final HttpClient http = HttpClient.newHttpClient();

    SystemClient(String bootstrapServers, Supplier<String> orchestratorUrl) {
        this.orchestratorUrl = orchestratorUrl;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static String newOrgId(String name) {
        return name.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String ownerOf(String orgId) {
        return "owner@" + orgId + ".example";
    }

    void approve(String orgId, String orgName, String areaCode) {
        approve(orgId, orgName, areaCode, null);
    }

    /** With the organization's own Twilio account, registered before as {@code twilioCredentialId}. */
    void approve(String orgId, String orgName, String areaCode, String twilioCredentialId) {
        approve(new OrganizationApproved(orgId, orgName, ownerOf(orgId), "verified", "US", areaCode, twilioCredentialId));
    }

    /** Publishes the approval as it is (with any of its optional fields). */
    void approve(OrganizationApproved event) {
        String orgId = event.orgId();
        try {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, orgId, codec.encode(event),
                    CloudEventHeaders.toKafka(headers.newMessage(OrganizationApproved.TYPE, orgId, null)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    AiStatusResponse status(String orgId) {
        return get("/api/v1/organizations/" + orgId + "/ai-status", AiStatusResponse.class);
    }

    /** The organization's sagas of one type, newest first, each with its history. */
    java.util.List<SagaResponse> sagas(String orgId, String type) {
        return get("/api/v1/sagas?orgId=" + orgId + "&type=" + type, io.switchboard.orchestrator.api.ops.SagaPage.class)
                .sagas().stream().map(s -> saga(s.id())).toList();
    }

    SagaResponse saga(String sagaId) {
        return get("/api/v1/sagas/" + sagaId, SagaResponse.class);
    }

    /** Waits until the organization's latest saga has ended and returns it with its history. */
    SagaResponse awaitSagaEnded(String orgId, Duration timeout) {
        AiStatusResponse status = await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> status(orgId), s -> s.latestSaga() != null && ENDED.contains(s.latestSaga().state()));
        return saga(status.latestSaga().id());
    }

    private <T> T get(String path, Class<T> type) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(orchestratorUrl.get() + path))
                    .header("Authorization", OPS_AUTHORIZATION)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return codec.decodeLenient(new String(response.body()), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
