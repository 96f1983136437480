package io.switchboard.launcher;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4's "a grep of all logs and Kafka messages finds no auth token or tenant secret", for a run that uses every
 * secret: an organization registers its own Twilio account over the API, is onboarded in that account (number bought
 * there, imported into VAPI with that account's SID and token inline), and a second organization tries to use the first one's
 * credential id. Its own system (not {@link RunningSystem}): the Twilio simulator needs the tenant's account, and the
 * output must be captured from before the first service starts.
 */
class SecretHygieneSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);
    private static final String TENANT_SID = "AC" + "7e4a".repeat(8);
    /** Distinctive, so any copy of it anywhere is found; never a real token. */
    private static final String TENANT_TOKEN = "tenantsecret" + UUID.randomUUID().toString().replace("-", "");
    private static final Set<String> ENDED = Set.of("COMPLETED", "COMPENSATED", "FAILED");

    private final JsonCodec codec = new JsonCodec();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noSecretAppearsInAnyLogLineOrKafkaMessageAndTheTenantsNumberIsInTheTenantsAccount() throws Exception {
        String orgId = SystemClient.newOrgId("ownaccount");
        String intruderId = SystemClient.newOrgId("intruder");
        String orgToken = "org-token-" + UUID.randomUUID();
        String intruderToken = "org-token-" + UUID.randomUUID();
        Map<String, String> overrides = new HashMap<>(RunningSystem.FAST_SAGAS);
        overrides.put("switchboard.api.org-tokens." + orgToken, orgId);
        overrides.put("switchboard.api.org-tokens." + intruderToken, intruderId);

        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> kafkaFindings;
        try (OutputTee output = OutputTee.install()) {
            SystemOptions options = SystemOptions.ephemeral(Files.createTempDirectory("switchboard-secret-hygiene"))
                    .withTwilio(TwilioSimulatorConfig.defaults().withExtraAccount(TENANT_SID, TENANT_TOKEN))
                    .withOverrides(overrides);
            try (SwitchboardSystem system = SwitchboardSystem.start(options);
                 KafkaProducer<String, byte[]> producer = producer(system)) {
                String platformSid = system.twilio().config().accountSid();
                secrets.put("platform Twilio auth token", system.twilio().config().authToken());
                secrets.put("platform Basic credentials", basic(platformSid, system.twilio().config().authToken()));
                secrets.put("VAPI API key", system.vapi().config().apiKey());
                secrets.put("tenant auth token", TENANT_TOKEN);
                secrets.put("tenant Basic credentials", basic(TENANT_SID, TENANT_TOKEN));
                String keyset = system.settingsFor(Services.Kind.ORCHESTRATOR).get(SystemSettings.CREDENTIALS_KEYSET);
                keyMaterialOf(keyset).forEach(k -> secrets.put("credential keyset key", k));
                String messageKeyset = system.settingsFor(Services.Kind.ORCHESTRATOR).get(SystemSettings.MESSAGES_KEYSET);
                keyMaterialOf(messageKeyset).forEach(k -> secrets.put("message keyset key", k));
                String base = system.orchestratorUrl() + "/api/v1/organizations/";

                // Register the organization's own account: 201, the id and SID back, never the token.
                HttpResponse<String> created = send(orgToken, "POST", base + orgId + "/twilio-credentials",
                        "{\"accountSid\":\"" + TENANT_SID + "\",\"authToken\":\"" + TENANT_TOKEN + "\"}");
                assertThat(created.statusCode()).isEqualTo(201);
                assertThat(created.body()).doesNotContain(TENANT_TOKEN).contains(TENANT_SID);
                String credentialId = String.valueOf(codec.decodeLenient(created.body(), Map.class).get("credentialId"));
                HttpResponse<String> listed = send(orgToken, "GET", base + orgId + "/twilio-credentials", null);
                assertThat(listed.statusCode()).isEqualTo(200);
                // A token issued at run time is a secret too: shown once to ops, then nowhere.
                HttpResponse<String> issued = send(ApiProperties.DEV_OPS_TOKEN, "POST", base + orgId + "/tokens",
                        "{\"label\":\"hygiene\"}");
                assertThat(issued.statusCode()).isEqualTo(201);
                String issuedToken = String.valueOf(codec.decodeLenient(issued.body(), Map.class).get("token"));
                secrets.put("issued organization token", issuedToken);
                assertThat(send(issuedToken, "GET", base + orgId + "/twilio-credentials", null).statusCode()).isEqualTo(200);
                assertThat(send(ApiProperties.DEV_OPS_TOKEN, "GET", base + orgId + "/tokens", null).body())
                        .doesNotContain(issuedToken);
                assertThat(listed.body()).contains(credentialId).doesNotContain(TENANT_TOKEN);
                assertThat(send(intruderToken, "GET", base + orgId + "/twilio-credentials", null).statusCode())
                        .as("another organization's token").isEqualTo(404);

                // Onboard in the tenant's own account.
                approve(producer, orgId, "Own Account", credentialId);
                AiStatusResponse status = awaitEnded(base, orgId, orgToken);
                assertThat(status.latestSaga().state()).isEqualTo("COMPLETED");
                assertThat(system.twilio().ownedNumbers(TENANT_SID)).extracting(IncomingNumber::phoneNumber)
                        .containsExactly(status.phoneNumber());
                assertThat(system.twilio().ownedNumbers(platformSid)).extracting(IncomingNumber::phoneNumber)
                        .doesNotContain(status.phoneNumber());
                assertThat(system.vapi().phoneNumbers()).filteredOn(p -> status.phoneNumber().equals(p.number()))
                        .singleElement().satisfies(p -> assertThat(p.twilioAccountSid()).isEqualTo(TENANT_SID));
                assertThat(system.vapi().stats().snapshot().keySet()).as("no /credential call: not in the document")
                        .noneMatch(operation -> operation.startsWith("Credential"));

                // The credential still holds the number: deleting it would strand a paid number.
                assertThat(send(orgToken, "DELETE", base + orgId + "/twilio-credentials/" + credentialId, null)
                        .statusCode()).isEqualTo(409);

                // Re-registering replaces the token under the same id; an unused credential can be deleted.
                String spareSid = "AC" + "5".repeat(32);
                String spare = "{\"accountSid\":\"" + spareSid + "\",\"authToken\":\"" + TENANT_TOKEN + "\"}";
                HttpResponse<String> spareCreated = send(orgToken, "POST", base + orgId + "/twilio-credentials", spare);
                assertThat(spareCreated.statusCode()).isEqualTo(201);
                HttpResponse<String> replaced = send(orgToken, "POST", base + orgId + "/twilio-credentials", spare);
                assertThat(replaced.statusCode()).isEqualTo(200);
                String spareId = String.valueOf(codec.decodeLenient(replaced.body(), Map.class).get("credentialId"));
                assertThat(spareCreated.body()).contains(spareId);
                assertThat(send(orgToken, "DELETE", base + orgId + "/twilio-credentials/" + spareId, null).statusCode())
                        .isEqualTo(204);
                HttpResponse<String> invalid = send(orgToken, "POST", base + orgId + "/twilio-credentials",
                        "{\"accountSid\":\"not-a-sid\",\"authToken\":\"" + TENANT_TOKEN + "\"}");
                assertThat(invalid.statusCode()).isEqualTo(400);
                assertThat(invalid.body()).doesNotContain(TENANT_TOKEN);

                // Another organization naming this credential id gets nothing bought in the tenant's account.
                approve(producer, intruderId, "Intruder", credentialId);
                AiStatusResponse intruder = awaitEnded(base, intruderId, intruderToken);
                assertThat(intruder.latestSaga().state()).isEqualTo("COMPENSATED");
                assertThat(intruder.latestSaga().failedStep()).isEqualTo("acquire-number");
                assertThat(system.twilio().ownedNumbers(TENANT_SID)).hasSize(1);

                kafkaFindings = findInEveryTopic(system, secrets);
            }
            Thread.sleep(500); // the last log lines of the shutdown
            String captured = output.captured();
            assertThat(captured).as("captured output").contains("Started orchestrator").contains(orgId);
            secrets.forEach((name, value) -> assertThat(captured).as(name + " in the log output").doesNotContain(value));
        }
        assertThat(kafkaFindings).as("secrets in Kafka records").isEmpty();
    }

    private void approve(KafkaProducer<String, byte[]> producer, String orgId, String name, String credentialId)
            throws Exception {
        OrganizationApproved event = new OrganizationApproved(orgId, name, SystemClient.ownerOf(orgId), "verified",
                "US", "510", credentialId);
        CloudEventHeaders headers = new CloudEventHeaders("/tests/admin-service");
        producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, orgId, codec.encode(event),
                CloudEventHeaders.toKafka(headers.newMessage(OrganizationApproved.TYPE, orgId, null)))).get();
    }

    private AiStatusResponse awaitEnded(String base, String orgId, String token) {
        return await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    HttpResponse<String> response = send(token, "GET", base + orgId + "/ai-status", null);
                    return response.statusCode() == 200
                            ? codec.decodeLenient(response.body(), AiStatusResponse.class) : null;
                }, s -> s != null && s.latestSaga() != null && ENDED.contains(s.latestSaga().state()));
    }

    /** Every record of every Switchboard topic, from the beginning: key, value and every header value. */
    private static List<String> findInEveryTopic(SwitchboardSystem system, Map<String, String> secrets) {
        List<String> findings = new ArrayList<>();
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "secret-hygiene-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = Topics.all().stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n')
                            .append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    for (Header header : record.headers()) {
                        text.append('\n').append(header.key()).append('=')
                                .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    secrets.forEach((name, value) -> {
                        if (text.indexOf(value) >= 0) {
                            findings.add(name + " in " + record.topic() + "@" + record.partition() + ":" + record.offset());
                        }
                    });
                }
            }
            assertThat(partitions).allSatisfy(p -> assertThat(consumer.position(p)).isGreaterThanOrEqualTo(end.get(p)));
        }
        assertThat(records).as("records read").isGreaterThan(10);
        return findings;
    }

    private HttpResponse<String> send(String token, String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, byte[]> producer(SwitchboardSystem system) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static String basic(String sid, String token) {
        return Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** The base64 "value" fields of a Tink JSON keyset: the serialized keys. */
    private static List<String> keyMaterialOf(String keysetJson) {
        List<String> values = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(keysetJson);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        assertThat(values).as("key material found in the keyset").isNotEmpty();
        return values;
    }
}
