package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator over the real broker and the real database, with the workers replaced at the Kafka protocol
 * level by {@link FakeWorkers}. The full system with real workers and simulators is tested in infra/system-tests.
 */
class OrchestratorOverKafkaTest extends OrchestratorOverKafkaContext {
    private static FakeWorkers workers;
    private static KafkaTestClient kafka;

    @Autowired
    SagaStore sagas;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @BeforeAll
    static void startFakeWorkers() {
        TestInfrastructure.createTopics(6, Topics.all().toArray(String[]::new));
        kafka = new KafkaTestClient();
        workers = new FakeWorkers();
    }

    @AfterAll
    static void stopFakeWorkers() {
        workers.close();
        kafka.close();
    }

    private static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String approvedJson(String orgId, String name) {
        return """
                {"orgId":"%s","orgName":"%s","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                .formatted(orgId, name, orgId);
    }

    private RestClient api() {
        // Every API call needs a bearer token; the packaged default accepts the local stack's dev ops token.
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeader("Authorization", "Bearer " + ApiProperties.DEV_OPS_TOKEN).build();
    }

    private SagaInstance awaitSaga(String orgId, SagaState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(orgId).stream()
                .filter(s -> s.state() == state).findFirst().orElse(null), s -> s != null);
    }

    @Test
    void onboardingCompletesOverKafkaAndTheStatusApiReportsTheLine() {
        String orgId = newOrg();
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "Acme"));

        SagaInstance saga = awaitSaga(orgId, SagaState.COMPLETED);

        AiStatusResponse status = api().get().uri("/organizations/{id}/ai-status", orgId).retrieve().body(AiStatusResponse.class);
        assertThat(status.hasSetup()).isTrue();
        assertThat(status.setupCompleted()).isTrue();
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.phoneNumber()).startsWith("+1510555");
        assertThat(status.assistants().inbound()).startsWith("asst-");
        assertThat(status.setupDate()).isNotNull();

        SagaResponse history = api().get().uri("/sagas/{id}", saga.id()).retrieve().body(SagaResponse.class);
        assertThat(history.steps()).extracting(SagaResponse.Step::name).contains("acquire-number",
                "create-inbound-assistant", "create-outbound-assistant", "register-number", "save-ai-config",
                "send-approval-email");
        // A Twilio onboarding records the free-VAPI-number steps as skipped, re-tagging a pooled number when the
        // pool had none, and claiming an own number when it brought none; everything else ran.
        assertThat(history.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(
                List.of("check-free-number-limit", "create-free-vapi-number", "fall-back-to-twilio",
                        "fallback-acquire-number", "fallback-register-number", "await-vapi-number", "assign-pooled-number",
                        "claim-own-number")
                        .contains(step.name())
                        ? "SKIPPED" : "SUCCEEDED"));

        RegisterPhoneNumber register = workers.received(orgId).stream().filter(RegisterPhoneNumber.class::isInstance)
                .map(RegisterPhoneNumber.class::cast).findFirst().orElseThrow();
        assertThat(register.assistantId()).isEqualTo(status.assistants().inbound());
    }

    @Test
    void aFailedStepIsCompensatedOverKafkaAndTheOwnerIsToldWhichStepFailed() {
        String orgId = newOrg();
        workers.fail(orgId, RegisterPhoneNumber.class,
                new StepFailed(StepFailed.INVALID_REQUEST, "number rejected", false, "vapi", "400"));
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "Fail"));

        SagaInstance saga = awaitSaga(orgId, SagaState.COMPENSATED);
        assertThat(saga.failedStep()).isEqualTo("register-number");
        List<Class<?>> commands = workers.received(orgId).stream().<Class<?>>map(Object::getClass).toList();
        assertThat(commands).containsSubsequence(RegisterPhoneNumber.class, DeleteAssistant.class, DeleteAssistant.class,
                ReleaseNumber.class, SendFailureEmail.class);
        SendFailureEmail email = workers.received(orgId).stream().filter(SendFailureEmail.class::isInstance)
                .map(SendFailureEmail.class::cast).findFirst().orElseThrow();
        assertThat(email.failedStep()).isEqualTo("register-number");
    }

    @Test
    void theSameEventDeliveredTwiceStartsOneSagaAndASecondApprovalStartsNothing() {
        String orgId = newOrg();
        String eventId = UUID.randomUUID().toString();
        kafka.publishEvent(Topics.ORG_EVENTS, eventId, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "Twice"));
        kafka.publishEvent(Topics.ORG_EVENTS, eventId, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "Twice"));
        awaitSaga(orgId, SagaState.COMPLETED);

        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "Twice"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from org_event where org_id = ? and status = 'IGNORED'", Integer.class, orgId) == 1);

        assertThat(sagas.ofOrg(orgId)).hasSize(1);
        assertThat(workers.received(orgId).stream().filter(AcquireNumber.class::isInstance)).hasSize(1);
        assertThat(workers.received(orgId).stream().filter(CreateAssistant.class::isInstance)).hasSize(2);
        String note = jdbc.queryForObject("select note from org_event where org_id = ? and status = 'IGNORED'",
                String.class, orgId);
        assertThat(note).startsWith("already onboarded: number +1510555");
    }

    @Test
    void malformedAndSchemaInvalidEventsAreDeadLetteredWithTheReasonAndProcessingContinues() {
        String orgId = newOrg();
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, "{not json");
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId,
                "{\"orgId\":\"" + orgId + "\",\"orgName\":\"X\",\"status\":\"verified\",\"country\":\"usa\"}");
        kafka.publishEvent(Topics.ORG_EVENTS, "io.example.Unknown.v1", orgId, "{}");
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, approvedJson(orgId, "AfterBad"));

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.readUntil(Topics.deadLetterOf(Topics.ORG_EVENTS),
                records -> records.stream().filter(r -> orgId.equals(r.key())).count() >= 3, Duration.ofSeconds(30));
        List<String> reasons = dead.stream().filter(r -> orgId.equals(r.key()))
                .map(r -> KafkaTestClient.header(r, Headers.DLQ_REASON)).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).contains("schema violation");
        assertThat(reasons.get(1)).contains("schema violation").contains("ownerEmail").contains("country");
        assertThat(reasons.get(2)).contains("io.example.Unknown.v1");
        assertThat(dead.stream().filter(r -> orgId.equals(r.key())))
                .allSatisfy(r -> assertThat(KafkaTestClient.header(r, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.ORG_EVENTS));

        awaitSaga(orgId, SagaState.COMPLETED);
    }

    @Test
    void anUnverifiedOrganizationIsNotOnboarded() {
        String orgId = newOrg();
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId,
                approvedJson(orgId, "Pending").replace("\"verified\"", "\"pending\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from org_event where org_id = ? and status = 'IGNORED'", Integer.class, orgId) == 1);
        assertThat(sagas.ofOrg(orgId)).isEmpty();
    }
}
