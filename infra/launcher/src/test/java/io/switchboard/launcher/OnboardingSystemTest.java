package io.switchboard.launcher;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.Assistant;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onboarding saga end to end: real Kafka, real PostgreSQL, the Twilio and VAPI simulators over HTTP, real SMTP
 * (GreenMail), every service. Failures are injected at the providers, as they would happen in production.
 */
class OnboardingSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static SwitchboardSystem system;
    private static SystemClient client;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @AfterEach
    void clearFaults() {
        system.twilio().faults().clear();
        system.vapi().faults().clear();
    }

    @Test
    void anApprovedOrganizationGetsAWorkingLineAndAnApprovalEmail() throws Exception {
        String orgId = SystemClient.newOrgId("acme");
        long purchasesBefore = system.twilio().purchaseCount();

        client.approve(orgId, "Acme", "510");
        SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);

        assertThat(saga.state()).isEqualTo("COMPLETED");
        AiStatusResponse status = client.status(orgId);
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.setupCompleted()).isTrue();
        assertThat(status.setupDate()).isNotNull();
        assertThat(status.phoneNumber()).startsWith("+1510");

        // Exactly one number bought, and it is the one in the config.
        assertThat(system.twilio().purchaseCount() - purchasesBefore).isEqualTo(1);
        String numberSid = output(saga, "acquire-number", "numberSid");
        IncomingNumber owned = system.twilio().ownedNumbers().stream().filter(n -> n.sid().equals(numberSid))
                .findFirst().orElseThrow();
        assertThat(owned.phoneNumber()).isEqualTo(status.phoneNumber());

        // Exactly two assistants for this organization, named after it, and the number is bound to the inbound one.
        assertThat(assistantsOf(orgId)).extracting(Assistant::name)
                .containsExactlyInAnyOrder("Acme inbound", "Acme outbound");
        Assistant inbound = system.vapi().assistants().stream()
                .filter(a -> a.id().equals(status.assistants().inbound())).findFirst().orElseThrow();
        assertThat(inbound.name()).isEqualTo("Acme inbound");
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> status.phoneNumber().equals(p.number()))
                .singleElement()
                .satisfies(p -> assertThat(p.assistantId()).isEqualTo(status.assistants().inbound()));

        List<MimeMessage> mail = system.stack().smtp().awaitMessagesTo(SystemClient.ownerOf(orgId), 1, Duration.ofSeconds(20));
        assertThat(mail).hasSize(1);
        MimeMessage approval = mail.get(0);
        assertThat(approval.getContent()).isInstanceOf(MimeMultipart.class);
        MimeMultipart parts = (MimeMultipart) approval.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = String.valueOf(parts.getBodyPart(0).getContent());
        assertThat(text).contains("Acme").contains(status.phoneNumber()).contains("Acme inbound");
    }

    @Test
    void aPurchaseTwilioRejectsUndoesBothAssistantsAndTellsTheOwner() {
        system.twilio().faults().add(FaultRule.forOperation("CreateIncomingPhoneNumber").always().fail(400));
        assertCompensatedWithNothingLeft("purchase", "acquire-number");
    }

    @Test
    void anAssistantVapiRejectsUndoesTheNumberAndTheOtherAssistant() {
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_create").onNthCall(1).fail(400));
        assertCompensatedWithNothingLeft("assistant", "create-inbound-assistant", "create-outbound-assistant");
    }

    @Test
    void aRegistrationVapiRejectsUndoesEverythingCreatedBeforeIt() {
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        assertCompensatedWithNothingLeft("registration", "register-number");
    }

    @Test
    void aConfigThatCannotBeSavedUndoesTheRegistrationTheAssistantsAndTheNumber() {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, Map.of("switchboard.sagas.failing-local-steps", "save-ai-config"));
        try {
            assertCompensatedWithNothingLeft("save", "save-ai-config");
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }

    @Test
    void theSamePurchaseCommandDeliveredTwiceBuysOneNumber() {
        String orgId = SystemClient.newOrgId("twice");
        client.approve(orgId, "Twice", "415");
        SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(saga.state()).isEqualTo("COMPLETED");
        long purchases = system.twilio().purchaseCount();
        int owned = system.twilio().ownedNumbers().size();

        ConsumerRecord<String, byte[]> command = firstRecord(Topics.TWILIO_COMMANDS,
                r -> saga.id().equals(CloudEventHeaders.read(r.headers(), Headers.SAGA_ID)));
        redeliver(command);
        String commandId = CloudEventHeaders.read(command.headers(), Headers.CE_ID);
        List<ConsumerRecord<String, byte[]>> replies = records(Topics.SAGA_REPLIES,
                r -> commandId.equals(CloudEventHeaders.read(r.headers(), Headers.CAUSATION_ID)), 2, Duration.ofSeconds(30));

        assertThat(replies).hasSize(2);
        assertThat(new String(replies.get(1).value())).contains(output(saga, "acquire-number", "numberSid"));
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        assertThat(system.twilio().ownedNumbers()).hasSize(owned);
        assertThat(client.saga(saga.id()).state()).isEqualTo("COMPLETED");
    }

    private void assertCompensatedWithNothingLeft(String name, String... possibleFailedSteps) {
        String orgId = SystemClient.newOrgId(name);
        client.approve(orgId, "Fail " + name, "510");
        SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);

        assertThat(saga.state()).isEqualTo("COMPENSATED");
        assertThat(saga.failedStep()).isIn((Object[]) possibleFailedSteps);
        assertThat(assistantsOf(orgId)).as("assistants left at VAPI").isEmpty();
        Set<String> createdNumbers = outputs(saga, "acquire-number", "numberSid");
        assertThat(system.twilio().ownedNumbers()).as("numbers left at Twilio")
                .noneMatch(n -> createdNumbers.contains(n.sid()));
        Set<String> createdRegistrations = outputs(saga, "register-number", "vapiPhoneNumberId");
        assertThat(system.vapi().phoneNumbers()).as("registrations left at VAPI")
                .noneMatch(p -> createdRegistrations.contains(p.id()));

        List<MimeMessage> mail = system.stack().smtp().awaitMessagesTo(SystemClient.ownerOf(orgId), 1, Duration.ofSeconds(20));
        assertThat(mail).as("failure email").hasSize(1);
        assertThat(client.status(orgId).status()).isNotEqualTo("active");
    }

    private static List<Assistant> assistantsOf(String orgId) {
        return system.vapi().assistants().stream()
                .filter(a -> orgId.equals(a.metadata().path("orgId").asString(null)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> outputs(SagaResponse saga, String step, String field) {
        return saga.steps().stream()
                .filter(s -> s.name().equals(step) && s.direction().equals("ACTION") && s.output() != null)
                .map(s -> ((Map<String, Object>) s.output()).get(field))
                .filter(Objects::nonNull).map(String::valueOf).collect(Collectors.toSet());
    }

    private static String output(SagaResponse saga, String step, String field) {
        return outputs(saga, step, field).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " in the output of " + step));
    }

    private static ConsumerRecord<String, byte[]> firstRecord(String topic,
                                                             java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        return records(topic, match, 1, Duration.ofSeconds(30)).get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic,
                                                                java.util.function.Predicate<ConsumerRecord<String, byte[]>> match,
                                                                int wanted, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < wanted && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    private static void redeliver(ConsumerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
