package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.Json;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import io.switchboard.testsupport.SwitchboardTestProperties;
import io.switchboard.testsupport.TestInfrastructure;
import io.switchboard.testsupport.WorkerKafkaClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_SID;
import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole worker application over the real Kafka broker, its real PostgreSQL ledger and the VAPI simulator. */
@SpringBootTest(classes = VapiWorkerApplication.class, properties = VapiWorkerApplication.CONFIG_NAME)
class VapiWorkerKafkaTest {
    private static final VapiSimulator simulator = VapiSimulator.start();
    private WorkerKafkaClient kafka;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.createTopics(1, Topics.VAPI_COMMANDS, Topics.deadLetterOf(Topics.VAPI_COMMANDS), Topics.SAGA_REPLIES);
        SwitchboardTestProperties.register(registry, "vapi_worker_kafka");
        registry.add("switchboard.vapi.base-url", simulator::baseUrl);
        registry.add("switchboard.vapi.api-key", () -> VapiSimulatorConfig.DEFAULT_API_KEY);
        registry.add("switchboard.twilio.account-sid", () -> TWILIO_SID);
        registry.add("switchboard.twilio.auth-token", () -> TWILIO_TOKEN);
        registry.add("switchboard.messaging.worker-concurrency", () -> "1");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void connect() {
        kafka = new WorkerKafkaClient(TestInfrastructure.kafkaBootstrapServers(),
                Topics.SAGA_REPLIES, Topics.deadLetterOf(Topics.VAPI_COMMANDS));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void createsAnAssistantAndRegistersTheNumberThroughKafka() {
        CreateAssistant create = new CreateAssistant("org-kafka-1", "saga-k1:inbound-assistant", "Acme",
                AssistantRole.INBOUND, "Acme inbound");
        String createId = kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(), CreateAssistant.TYPE, create);

        ConsumerRecord<String, byte[]> created = awaitReply(createId);
        assertThat(CloudEventHeaders.read(created.headers(), Headers.CE_TYPE)).isEqualTo(AssistantCreated.TYPE);
        AssistantCreated assistant = kafka.decode(created, AssistantCreated.class);
        assertThat(assistant.name()).isEqualTo("Acme inbound");

        RegisterPhoneNumber register = new RegisterPhoneNumber("org-kafka-1", "saga-k1:register-number", "+14155550142",
                "PN" + "1".repeat(32), assistant.assistantId(), "Acme line", null);
        String registerId = kafka.sendCommand(Topics.VAPI_COMMANDS, register.orgId(), RegisterPhoneNumber.TYPE, register);

        ConsumerRecord<String, byte[]> registered = awaitReply(registerId);
        assertThat(kafka.decode(registered, PhoneNumberRegistered.class).assistantId()).isEqualTo(assistant.assistantId());
        assertThat(new String(registered.value(), StandardCharsets.UTF_8)).doesNotContain(TWILIO_TOKEN);
        assertThat(simulator.assistants())
                .filteredOn(a -> "org-kafka-1".equals(a.metadata().path("orgId").asString()))
                .singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(assistant.assistantId()));
        assertThat(simulator.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.assistantId()).isEqualTo(assistant.assistantId()));

        // Delivered again after the saga stopped waiting: the registration this request made is reported (so the
        // saga can undo it), nothing is registered again.
        PhoneNumberRegistered late = kafka.decode(awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, register.orgId(),
                RegisterPhoneNumber.TYPE, register, Instant.now().minusSeconds(1))), PhoneNumberRegistered.class);
        assertThat(late.vapiPhoneNumberId()).isEqualTo(kafka.decode(registered, PhoneNumberRegistered.class).vapiPhoneNumberId());
        assertThat(simulator.phoneNumbers()).hasSize(1);
    }

    @Test
    void aMalformedCommandIsDeadLetteredAndTheNextCommandIsStillProcessed() {
        String badId = kafka.sendRaw(Topics.VAPI_COMMANDS, "org-kafka-2", CreateAssistant.TYPE,
                "{\"orgId\":\"org-kafka-2\",\"unexpected\":true}".getBytes(StandardCharsets.UTF_8));
        CreateAssistant good = new CreateAssistant("org-kafka-2", "saga-k2:outbound-assistant", "Globex",
                AssistantRole.OUTBOUND, "Globex outbound");
        String goodId = kafka.sendCommand(Topics.VAPI_COMMANDS, good.orgId(), CreateAssistant.TYPE, good);

        ConsumerRecord<String, byte[]> parked = kafka.awaitOnTopic(Topics.deadLetterOf(Topics.VAPI_COMMANDS), badId,
                Duration.ofSeconds(60));
        assertThat(CloudEventHeaders.read(parked.headers(), Headers.DLQ_REASON)).contains("CreateAssistant");
        assertThat(CloudEventHeaders.read(parked.headers(), Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.VAPI_COMMANDS);

        assertThat(kafka.decode(awaitReply(goodId), AssistantCreated.class).name()).isEqualTo("Globex outbound");
    }

    @Test
    void aCommandThatArrivesAfterTheSagaStoppedWaitingIsNotExecuted() {
        StepFailed failure = createAssistantWithDeadline("org-kafka-3", Instant.now().minusSeconds(1));

        assertThat(failure.errorCode()).as("refused before any provider call").isEqualTo(StepFailed.COMMAND_NOT_STARTED);
        assertThat(failure.retryable()).isTrue();
        assertThat(simulator.assistants()).noneMatch(a -> "org-kafka-3".equals(a.metadata().path("orgId").asString()));
    }

    @Test
    void aLateDeliveryOfARequestWhoseAssistantExistsReportsItSoTheSagaCanUndoIt() {
        CreateAssistant create = new CreateAssistant("org-kafka-6", "saga-k6:inbound-assistant", "Umbrella",
                AssistantRole.INBOUND, "Umbrella inbound");
        AssistantCreated first = kafka.decode(awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(),
                CreateAssistant.TYPE, create)), AssistantCreated.class);
        long createsBefore = simulator.stats().count("AssistantController_create");

        AssistantCreated late = kafka.decode(awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(),
                CreateAssistant.TYPE, create, Instant.now().minusSeconds(1))), AssistantCreated.class);

        assertThat(late.assistantId()).isEqualTo(first.assistantId());
        assertThat(simulator.stats().count("AssistantController_create")).as("nothing created").isEqualTo(createsBefore);
    }

    /**
     * The worker that sent the create died before VAPI's answer reached it (the ledger still says PENDING); the
     * redelivery arrives after the saga stopped waiting. VAPI has the assistant: it is reported, so the saga deletes
     * it, instead of refused as "not started" and forgotten (chaos run 15 leaked a number this way).
     */
    @Test
    void aLateDeliveryAfterAnInDoubtCreateReportsTheAssistantVapiHasForTheRequest() {
        String requestId = "saga-k7:inbound-assistant";
        jdbc.update("""
                insert into vapi_worker.creation_ledger (request_id, kind, org_id, saga_id, status, claimed_at)
                values (?, 'vapi-assistant', 'org-kafka-7', 'saga-k7', 'PENDING', now() - interval '1 minute')""",
                requestId);
        String assistantId = simulator.createAssistant(Json.read(("{\"name\":\"Stark inbound\",\"metadata\":"
                + "{\"orgId\":\"org-kafka-7\",\"switchboardRequestId\":\"" + requestId + "\"}}")
                .getBytes(StandardCharsets.UTF_8))).id();
        CreateAssistant create = new CreateAssistant("org-kafka-7", requestId, "Stark", AssistantRole.INBOUND,
                "Stark inbound");
        long createsBefore = simulator.stats().count("AssistantController_create");

        AssistantCreated late = kafka.decode(awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(),
                CreateAssistant.TYPE, create, Instant.now().minusSeconds(1))), AssistantCreated.class);

        assertThat(late.assistantId()).isEqualTo(assistantId);
        assertThat(simulator.stats().count("AssistantController_create")).as("nothing created").isEqualTo(createsBefore);
    }

    @Test
    void aCommandRedeliveredAfterItsAssistantWasCreatedCreatesNothingMore() {
        CreateAssistant create = new CreateAssistant("org-kafka-5", "saga-k5:inbound-assistant", "Initech",
                AssistantRole.INBOUND, "Initech inbound");
        long createsBefore = simulator.stats().count("AssistantController_create");

        ConsumerRecord<String, byte[]> firstReply = awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(),
                CreateAssistant.TYPE, create));
        AssistantCreated first = kafka.decode(firstReply, AssistantCreated.class);
        String sagaId = CloudEventHeaders.read(firstReply.headers(), Headers.SAGA_ID);
        AssistantCreated redelivered = kafka.decode(awaitReply(kafka.sendCommand(Topics.VAPI_COMMANDS, create.orgId(),
                CreateAssistant.TYPE, create)), AssistantCreated.class);

        assertThat(redelivered).isEqualTo(first);
        assertThat(simulator.stats().count("AssistantController_create")).as("one provider create in total")
                .isEqualTo(createsBefore + 1);
        assertThat(simulator.assistants()).filteredOn(a -> "org-kafka-5".equals(a.metadata().path("orgId").asString()))
                .singleElement().satisfies(a -> {
                    assertThat(a.id()).isEqualTo(first.assistantId());
                    assertThat(a.metadata().path("sagaId").asString()).isEqualTo(sagaId).isNotBlank();
                });
    }

    @Test
    void aCommandWhoseTimeRunsOutBetweenProviderCallsMakesNoFurtherCall() {
        // Registration looks the number up first: that call takes 3 s; by then less than half of the 4 s the saga
        // waits is left, so neither the check of the assistant nor the import may be sent (they could finish after
        // the saga gave up on this attempt).
        String assistantId = simulator.createAssistant(Json.read(("{\"name\":\"Deadline inbound\",\"metadata\":"
                + "{\"orgId\":\"org-kafka-4\",\"switchboardRequestId\":\"saga-k4:inbound-assistant\"}}")
                .getBytes(StandardCharsets.UTF_8))).id();
        simulator.faults().add(FaultRule.forOperation("PhoneNumberController_findAllPaginated").onNthCall(1)
                .delay(Duration.ofSeconds(3)));
        long looksBefore = simulator.stats().count("AssistantController_findOne");
        long searchesBefore = simulator.stats().count("PhoneNumberController_findAllPaginated");
        long createsBefore = simulator.stats().count("PhoneNumberController_create");
        try {
            RegisterPhoneNumber register = new RegisterPhoneNumber("org-kafka-4", "saga-k4:register-number",
                    "+14155550144", "PN" + "4".repeat(32), assistantId, "Deadline line", null);
            String id = kafka.sendCommand(Topics.VAPI_COMMANDS, register.orgId(), RegisterPhoneNumber.TYPE, register,
                    Instant.now().plusSeconds(4));
            StepFailed failure = kafka.decode(awaitReply(id), StepFailed.class);

            assertThat(failure.errorCode()).isEqualTo(StepFailed.COMMAND_EXPIRED);
            assertThat(simulator.stats().count("PhoneNumberController_findAllPaginated")).as("the search happened")
                    .isEqualTo(searchesBefore + 1);
            assertThat(simulator.stats().count("AssistantController_findOne")).as("the check of the assistant did not")
                    .isEqualTo(looksBefore);
            assertThat(simulator.stats().count("PhoneNumberController_create")).as("the import did not")
                    .isEqualTo(createsBefore);
        } finally {
            simulator.faults().clear();
        }
    }

    private StepFailed createAssistantWithDeadline(String orgId, Instant deadline) {
        CreateAssistant create = new CreateAssistant(orgId, "saga-" + orgId + ":inbound-assistant", orgId,
                AssistantRole.INBOUND, orgId + " inbound");
        String id = kafka.sendCommand(Topics.VAPI_COMMANDS, orgId, CreateAssistant.TYPE, create, deadline);
        return kafka.decode(awaitReply(id), StepFailed.class);
    }

    private ConsumerRecord<String, byte[]> awaitReply(String commandId) {
        return kafka.awaitReplyTo(commandId, Duration.ofSeconds(60));
    }
}
