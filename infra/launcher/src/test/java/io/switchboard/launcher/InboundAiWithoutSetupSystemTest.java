package io.switchboard.launcher;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.sim.vapi.Assistant;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code InboundAiChanged(true)} for an organization that never had a setup: with a name and an owner (from the event,
 * or from an earlier approval) it gets both assistants and a number; without them it starts nothing and says why on
 * the saga-events topic.
 */
class InboundAiWithoutSetupSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonCodec JSON = new JsonCodec();

    @Test
    void aToggleWithNameAndOwnerSetsUpAnOrganizationThatNeverHadASetup() throws Exception {
        String orgId = SystemClient.newOrgId("toggled");
        lines.toggle(new InboundAiChanged(orgId, true, "Toggled Co", SystemClient.ownerOf(orgId), null, "510", null,
                null, null));

        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).type()).isEqualTo("onboarding");
        AiStatusResponse status = client.status(orgId);
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.phoneNumber()).startsWith("+1510");
        assertThat(status.organization()).isEqualTo(new AiStatusResponse.Organization(orgId, "Toggled Co", true, null));
        assertThat(assistantsOf(orgId)).extracting(Assistant::name)
                .containsExactlyInAnyOrder("Toggled Co inbound", "Toggled Co outbound");
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> status.phoneNumber().equals(p.number()))
                .singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(status.assistants().inbound()));
        List<MimeMessage> mail = system.stack().smtp().awaitMessagesTo(SystemClient.ownerOf(orgId), 1, Duration.ofSeconds(20));
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).contains(status.phoneNumber());
    }

    @Test
    void aToggleAfterAPendingApprovalUsesTheNameAndOwnerTheApprovalGave() {
        String orgId = SystemClient.newOrgId("pending");
        client.approve(new OrganizationApproved(orgId, "Pending Co", SystemClient.ownerOf(orgId), "pending", "US", "510", null));
        SagaEvent waiting = awaitIgnored(orgId);
        assertThat(waiting.detail()).contains("pending");

        lines.toggle(orgId, true);
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        AiStatusResponse status = client.status(orgId);
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.organization()).isEqualTo(new AiStatusResponse.Organization(orgId, "Pending Co", true, "pending"));
        assertThat(assistantsOf(orgId)).extracting(Assistant::name)
                .containsExactlyInAnyOrder("Pending Co inbound", "Pending Co outbound");
    }

    @Test
    void aToggleWithoutNameOrOwnerStartsNothingAndSaysWhyOnTheSagaEventsTopic() {
        String orgId = SystemClient.newOrgId("anonymous");
        String eventId = lines.toggle(new InboundAiChanged(orgId, true));

        SagaEvent ignored = awaitIgnored(orgId);
        assertThat(ignored.eventId()).isEqualTo(eventId);
        assertThat(ignored.sagaId()).isNull();
        assertThat(ignored.state()).isEqualTo("IGNORED");
        assertThat(ignored.detail()).contains("never had an AI setup").contains("orgName and ownerEmail");

        // Only the owner's address given: still nothing, and the reason names what is missing.
        String named = lines.toggle(new InboundAiChanged(orgId, true, null, SystemClient.ownerOf(orgId), null, null,
                null, null, null));
        SagaEvent stillIgnored = await().atMost(SAGA_TIMEOUT).until(() -> ignoredEvents(orgId).stream()
                .filter(e -> named.equals(e.eventId())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(stillIgnored.detail()).contains("its orgName:").doesNotContain("ownerEmail:");

        AiStatusResponse status = client.status(orgId);
        assertThat(status.hasSetup()).isFalse();
        assertThat(status.latestSaga()).isNull();
        assertThat(assistantsOf(orgId)).isEmpty();
    }

    private static List<Assistant> assistantsOf(String orgId) {
        return system.vapi().assistants().stream()
                .filter(a -> orgId.equals(a.metadata().path("orgId").asString(""))).toList();
    }

    private static SagaEvent awaitIgnored(String orgId) {
        return await().atMost(SAGA_TIMEOUT).until(() -> ignoredEvents(orgId), events -> !events.isEmpty()).get(0);
    }

    /** The EventIgnored records of one organization on the saga-events topic, read as any observer would. */
    private static List<SagaEvent> ignoredEvents(String orgId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.SAGA_EVENTS));
            List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (!records.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
            return records.stream().filter(r -> orgId.equals(r.key()))
                    .filter(r -> SagaEvent.Kind.EventIgnored.ceType().equals(header(r, "ce_type")))
                    .map(r -> JSON.decodeLenient(new String(r.value(), StandardCharsets.UTF_8), SagaEvent.class))
                    .toList();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
