package io.switchboard.launcher;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.orchestrator.api.security.ApiProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Shows the system doing its job: publishes an {@code OrganizationApproved} event as an upstream service would,
 * prints the saga's progress from the saga-events topic, then the organization's AI status, what the simulators
 * hold and the email the owner received.
 */
public final class Demo {
    private static final Set<SagaEvent.Kind> FINAL = Set.of(SagaEvent.Kind.SagaCompleted,
            SagaEvent.Kind.SagaCompensated, SagaEvent.Kind.SagaFailed);

    private final SwitchboardSystem system;
    private final PrintStream out;
    /** The local stack's documented dev ops token: what curl and bin/switchboard send by default. */
    private static final String AUTHORIZATION = "Bearer " + ApiProperties.DEV_OPS_TOKEN;

    private final JsonCodec codec = new JsonCodec();
    private String sagaId;

    public Demo(SwitchboardSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    /** @return true when the onboarding saga completed */
    public boolean run(String orgName, String areaCode, Duration timeout) {
        String orgId = orgName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
                + Long.toString(System.currentTimeMillis(), 36);
        String ownerEmail = "owner@" + orgId + ".example";
        try (KafkaConsumer<String, byte[]> events = sagaEventsConsumer()) {
            publish(new OrganizationApproved(orgId, orgName, ownerEmail, OrganizationApproved.STATUS_VERIFIED, "US",
                    areaCode, null));
            out.printf("%n==> Published OrganizationApproved for %s (orgId %s, area code %s) on %s%n", orgName, orgId,
                    areaCode, Topics.ORG_EVENTS);
            SagaEvent.Kind outcome = follow(events, orgId, timeout);
            printStatus(orgId, ownerEmail);
            return outcome == SagaEvent.Kind.SagaCompleted;
        }
    }

    private void publish(OrganizationApproved event) {
        CloudEventHeaders headers = new CloudEventHeaders("/switchboard/demo");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, null, event.orgId(), codec.encode(event),
                    CloudEventHeaders.toKafka(headers.newMessage(OrganizationApproved.TYPE, event.orgId(), null)))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the demo event", e);
        }
    }

    private KafkaConsumer<String, byte[]> sagaEventsConsumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "switchboard-demo-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.SAGA_EVENTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    private SagaEvent.Kind follow(KafkaConsumer<String, byte[]> events, String orgId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                if (!orgId.equals(record.key())) {
                    continue;
                }
                SagaEvent event = codec.decodeLenient(new String(record.value()), SagaEvent.class);
                sagaId = event.sagaId();
                out.printf("    %-16s %-28s %s%n", event.kind(), event.step() == null ? "" : event.step(),
                        event.detail() == null ? "" : event.detail());
                if (FINAL.contains(event.kind())) {
                    return event.kind();
                }
            }
        }
        out.println("    (no final saga event within " + timeout.toSeconds() + " s)");
        return null;
    }

    private void printStatus(String orgId, String ownerEmail) {
        out.println("\n==> GET " + system.orchestratorUrl() + "/api/v1/organizations/" + orgId + "/ai-status");
        out.println("    " + get(system.orchestratorUrl() + "/api/v1/organizations/" + orgId + "/ai-status"));
        out.printf("%n==> Twilio simulator owns %d number(s); VAPI simulator holds %d assistant(s), %d phone number(s)%n",
                system.twilio().ownedNumbers().size(), system.vapi().assistants().size(),
                system.vapi().phoneNumbers().size());
        var mail = system.stack().smtp().awaitMessagesTo(ownerEmail, 1, Duration.ofSeconds(10));
        for (var message : mail) {
            try {
                out.printf("%n==> Email to %s: \"%s\"%n", ownerEmail, message.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                out.println("    (unreadable email: " + e.getMessage() + ")");
            }
        }
        out.println("\n==> Try it yourself (the API needs the local stack's dev token):");
        out.printf("    curl -s -H '%s' %s/api/v1/organizations/%s/ai-status%n", "Authorization: " + AUTHORIZATION,
                system.orchestratorUrl(), orgId);
        if (sagaId != null) {
            out.printf("    curl -s -H '%s' %s/api/v1/sagas/%s%n", "Authorization: " + AUTHORIZATION,
                    system.orchestratorUrl(), sagaId);
            out.printf("    bin/switchboard sagas show %s%n", sagaId);
        }
        out.println("    bin/switchboard sagas list --state FAILED");
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTHORIZATION)
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            return "(request failed: " + e.getMessage() + ")";
        }
    }
}
