package io.switchboard.orchestrator.api.ops;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.OrchestratorApplication;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.SwitchboardTestProperties;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops API and its authentication over real HTTP, Kafka and PostgreSQL, workers faked at the Kafka level.
 * Its own consumer group and database, and its context is closed afterwards, so it cannot mix with other tests.
 */
@SpringBootTest(classes = OrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {OrchestratorApplication.CONFIG_NAME, "switchboard.timers.poll-interval=50ms",
                "switchboard.outbox.sweep-interval=100ms", "switchboard.orchestrator.consumer-group=ops-api-test",
                "switchboard.sagas.initial-backoff=30s", "switchboard.sagas.max-backoff=60s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OpsApiTest {
    private static final String OPS = "Bearer " + ApiProperties.DEV_OPS_TOKEN;
    private static final String TENANT_A = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT_B = "tenant-b-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT_A_TOKEN = "Bearer tok-a-" + UUID.randomUUID();
    private static FakeWorkers workers;
    private static KafkaTestClient kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonCodec codec = new JsonCodec();

    @Autowired
    SagaStore sagas;
    @Autowired
    SagaSearch search;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SwitchboardTestProperties.register(registry, "opsapi");
        registry.add("switchboard.api.org-tokens." + TENANT_A_TOKEN.substring("Bearer ".length()), () -> TENANT_A);
    }

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

    // ---- authentication -------------------------------------------------------------------------------------

    @Test
    void everyOrganizationScopedEndpointRefusesAnotherOrganizationWith404() {
        approve(TENANT_B, "Other");
        awaitSaga(TENANT_B, SagaState.COMPLETED);
        // Ops see the line (checked first: the DELETE below, sent as ops, queues a cleanup of it).
        HttpResponse<String> other = call("GET", "/api/v1/organizations/" + TENANT_B + "/ai-status", OPS, null);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).contains("+1510");
        // Every organization-scoped endpoint there is, plus one that does not exist yet: the rule is path-based.
        List<String[]> endpoints = List.of(
                new String[]{"GET", "/api/v1/organizations/%s/ai-status"},
                new String[]{"POST", "/api/v1/organizations/%s/retry-ai-setup"},
                new String[]{"DELETE", "/api/v1/organizations/%s/ai-setup"},
                new String[]{"GET", "/api/v1/organizations/%s/requests/" + UUID.randomUUID()},
                new String[]{"GET", "/api/v1/organizations/%s/an-endpoint-added-later"});
        for (String[] endpoint : endpoints) {
            HttpResponse<String> crossTenant = call(endpoint[0], endpoint[1].formatted(TENANT_B), TENANT_A_TOKEN, "{}");
            assertThat(crossTenant.statusCode()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(404);
            assertThat(crossTenant.body()).doesNotContain("+1510").doesNotContain("asst-");
            // The same request with an ops token gets past authentication (whatever the endpoint then answers).
            assertThat(call(endpoint[0], endpoint[1].formatted(TENANT_B), OPS, "{}").statusCode())
                    .as(endpoint[0] + " " + endpoint[1] + " as ops").isNotIn(401, 403);
        }
        HttpResponse<String> own = call("GET", "/api/v1/organizations/" + TENANT_A + "/ai-status", TENANT_A_TOKEN, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(TENANT_A);
    }

    @Test
    void opsEndpointsNeedAnOpsTokenAndHealthStaysOpen() {
        for (String path : List.of("/api/v1/sagas", "/api/v1/dead-letters?topic=" + Topics.ORG_EVENTS,
                "/api/v1/sagas/" + UUID.randomUUID(), "/actuator/prometheus", "/actuator/metrics")) {
            assertThat(call("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(call("GET", path, "Bearer not-a-token", null).statusCode()).as(path).isEqualTo(401);
            assertThat(call("GET", path, TENANT_A_TOKEN, null).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(call("POST", "/api/v1/sagas/replay", TENANT_A_TOKEN, "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/reconciliation", TENANT_A_TOKEN, null).statusCode()).isEqualTo(403);
        // No provider access configured here: reconciliation says so instead of failing later.
        HttpResponse<String> reconciliation = call("GET", "/api/v1/reconciliation", OPS, null);
        assertThat(reconciliation.statusCode()).isEqualTo(503);
        assertThat(reconciliation.body()).contains("reconciliation-disabled").contains("switchboard.reconcile");
        assertThat(call("GET", "/api/v1/organizations/" + TENANT_A + "/ai-status", null, null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> health = call("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\"").contains("\"db\"");
        // The probes' groups (orchestrator.yml): liveness is the JVM alone, readiness also the database and Kafka.
        HttpResponse<String> liveness = call("GET", "/actuator/health/liveness", null, null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"UP\"").contains("livenessState").doesNotContain("\"db\"");
        HttpResponse<String> readiness = call("GET", "/actuator/health/readiness", null, null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("readinessState").contains("\"db\"").contains("\"kafka\"");
    }

    @Test
    void prometheusShowsSagaCountersStepLatencyAndBacklogGauges() {
        String orgId = newOrg();
        approve(orgId, "Metrics");
        awaitSaga(orgId, SagaState.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> metrics = call("GET", "/actuator/prometheus", OPS, null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("switchboard_sagas_started_total{type=\"onboarding\"}")
                    .contains("switchboard_sagas_completed_total{type=\"onboarding\"}")
                    .contains("switchboard_saga_step_duration_seconds_count{direction=\"action\",outcome=\"completed\",step=\"acquire-number\",type=\"onboarding\"}")
                    .contains("switchboard_outbox_lag_seconds")
                    .contains("switchboard_timers_due")
                    .contains("switchboard_sagas_parked");
        });
    }

    // ---- sagas ----------------------------------------------------------------------------------------------

    @Test
    void aFailedSagaIsListedByItsFailedStepAndReplayRerunsOnlyTheFailedCompensation() {
        String orgId = parkedAsFailed("Parked");
        SagaInstance saga = awaitSaga(orgId, SagaState.FAILED);
        assertThat(saga.failedStep()).isEqualTo("create-outbound-assistant (compensation)");

        SagaPage page = get("/api/v1/sagas?state=FAILED&type=onboarding&failedStep=create-outbound-assistant&orgId="
                + orgId, SagaPage.class);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.sagas()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(saga.id().toString());
            assertThat(s.failureReason()).contains("assistant is locked");
        });
        assertThat(get("/api/v1/sagas?orgId=" + orgId + "&olderThan=PT1H", SagaPage.class).total()).isZero();
        assertThat(get("/api/v1/sagas?orgId=" + orgId + "&olderThan=" + java.time.Instant.now().plusSeconds(60),
                SagaPage.class).total()).isEqualTo(1);
        assertThat(call("GET", "/api/v1/sagas?olderThan=yesterday", OPS, null).statusCode()).isEqualTo(400);

        long deletesBefore = count(orgId, DeleteAssistant.class);
        HttpResponse<String> replay = call("POST", "/api/v1/sagas/" + saga.id() + "/replay", OPS, null);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(codec.decodeLenient(replay.body(), SagaActionResult.class).outcome()).isEqualTo("REPLAYED");

        // The fault is still there, so it parks again — but only the failed compensation ran again.
        await().atMost(Duration.ofSeconds(20)).until(() -> count(orgId, DeleteAssistant.class) > deletesBefore);
        awaitSaga(orgId, SagaState.FAILED);
        assertThat(count(orgId, AcquireNumber.class)).isEqualTo(1);
        assertThat(count(orgId, CreateAssistant.class)).isEqualTo(2);
        assertThat(count(orgId, RegisterPhoneNumber.class)).isEqualTo(1);
    }

    /** The console's "completed, but a step failed" filter and its free-text search (SagaSearch). */
    @Test
    void aCompletedSagaWhoseEmailFailedIsFoundAsAPartialSuccessAndByText() {
        String orgId = newOrg();
        workers.fail(orgId, io.switchboard.contracts.commands.SendApprovalEmail.class,
                new StepFailed(StepFailed.INVALID_REQUEST, "mailbox unavailable", false, "smtp", "550"));
        approve(orgId, "Partly");
        SagaInstance partial = awaitSaga(orgId, SagaState.COMPLETED);
        String cleanOrg = newOrg();
        approve(cleanOrg, "Wholly");
        SagaInstance clean = awaitSaga(cleanOrg, SagaState.COMPLETED);

        SagaFilter any = SagaFilter.parse(null, null, null, null, null, 1000, 0, java.time.Clock.systemUTC());
        assertThat(search.find(any, null, true).sagas()).extracting(SagaSummary::id)
                .contains(partial.id().toString()).doesNotContain(clean.id().toString());
        assertThat(search.find(any, orgId.toUpperCase(java.util.Locale.ROOT), false).sagas())
                .extracting(SagaSummary::id).containsExactly(partial.id().toString());
        assertThat(search.find(any, partial.id().toString().substring(0, 13), false).sagas())
                .extracting(SagaSummary::id).contains(partial.id().toString());
        assertThat(search.find(any, "100%_", false).total()).as("LIKE wildcards are literal").isZero();
    }

    @Test
    void replayAndCompensateRefuseSagasInTheWrongStateWithAClearMessage() {
        String orgId = newOrg();
        workers.fail(orgId, RegisterPhoneNumber.class,
                new StepFailed(StepFailed.INVALID_REQUEST, "number rejected", false, "vapi", "400"));
        approve(orgId, "Undone");
        SagaInstance compensated = awaitSaga(orgId, SagaState.COMPENSATED);

        HttpResponse<String> replay = call("POST", "/api/v1/sagas/" + compensated.id() + "/replay", OPS, null);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(codec.decodeLenient(replay.body(), java.util.Map.class))
                .containsEntry("type", "https://switchboard.io/problems/saga-not-replayable")
                .containsEntry("sagaId", compensated.id().toString())
                .containsEntry("state", "COMPENSATED")
                .extractingByKey("detail").asString().contains("was compensated").contains("retry-ai-setup");
        HttpResponse<String> compensate = call("POST", "/api/v1/sagas/" + compensated.id() + "/compensate", OPS,
                "{\"reason\":\"stuck\"}");
        assertThat(compensate.statusCode()).isEqualTo(409);
        assertThat(compensate.body()).contains("has ended");
        assertThat(call("POST", "/api/v1/sagas/" + UUID.randomUUID() + "/replay", OPS, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/sagas/not-a-uuid/replay", OPS, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/sagas/" + compensated.id() + "/compensate", OPS, "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aStuckRunningSagaIsCompensatedOnRequest() {
        String orgId = newOrg();
        // The registration fails retryably and this context waits 30 s before a retry: the saga sits RUNNING.
        workers.fail(orgId, RegisterPhoneNumber.class,
                new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "VAPI is down", true, "vapi", "503"));
        approve(orgId, "Stuck");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(orgId, RegisterPhoneNumber.class) == 1);
        SagaInstance running = awaitSaga(orgId, SagaState.RUNNING);

        HttpResponse<String> response = call("POST", "/api/v1/sagas/" + running.id() + "/compensate", OPS,
                "{\"reason\":\"VAPI incident, stop it\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("COMPENSATING");
        SagaInstance ended = awaitSaga(orgId, SagaState.COMPENSATED);
        assertThat(ended.failureReason()).contains("VAPI incident, stop it");
        assertThat(count(orgId, DeleteAssistant.class)).isEqualTo(2);
    }

    @Test
    void aSagaWhoseOnlyRunningStepsAreNonCriticalIsNotCompensated() {
        String orgId = newOrg();
        // The line is saved; only the approval email is out, failing retryably, so the saga sits RUNNING on it.
        workers.fail(orgId, SendApprovalEmail.class,
                new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "SMTP is down", true, "smtp", null));
        approve(orgId, "Emailing");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(orgId, SendApprovalEmail.class) >= 1);
        SagaInstance running = awaitSaga(orgId, SagaState.RUNNING);

        HttpResponse<String> response = call("POST", "/api/v1/sagas/" + running.id() + "/compensate", OPS,
                "{\"reason\":\"stop it\"}");
        // Found by the chaos run: compensating here undid the number and assistants under a config left "active".
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("non-critical").contains("/api/v1/organizations/" + orgId + "/ai-setup");
        assertThat(count(orgId, DeleteAssistant.class)).isZero();
    }

    @Test
    void aRunningTeardownIsNotCompensatedItHasNothingToUndo() {
        String orgId = newOrg();
        approve(orgId, "Teardown");
        awaitSaga(orgId, SagaState.COMPLETED);
        // The cleanup's first remote step fails retryably, so the cleanup sits RUNNING on it.
        workers.fail(orgId, DeletePhoneNumberRegistration.class,
                new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "VAPI is down", true, "vapi", "503"));
        assertThat(call("DELETE", "/api/v1/organizations/" + orgId + "/ai-setup", OPS, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(orgId, DeletePhoneNumberRegistration.class) >= 1);
        SagaInstance cleanup = awaitSaga(orgId, SagaState.RUNNING);

        HttpResponse<String> response = call("POST", "/api/v1/sagas/" + cleanup.id() + "/compensate", OPS,
                "{\"reason\":\"stop it\"}");
        // Found by the chaos run: a cleanup stopped mid-hand-over left a number tagged for the pool on the line.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("nothing to undo");
    }

    @Test
    void bulkReplayByFilterReplaysEveryMatchingFailedSaga() {
        String first = parkedAsFailed("BulkOne");
        String second = parkedAsFailed("BulkTwo");
        SagaInstance one = awaitSaga(first, SagaState.FAILED);
        SagaInstance two = awaitSaga(second, SagaState.FAILED);

        BulkReplayResult dry = post("/api/v1/sagas/replay",
                "{\"failedStep\":\"create-outbound-assistant\",\"type\":\"onboarding\",\"dryRun\":true,\"limit\":500}",
                BulkReplayResult.class);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.results()).extracting(SagaActionResult::id).contains(one.id().toString(), two.id().toString());
        assertThat(dry.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("WOULD_REPLAY"));
        assertThat(sagas.find(one.id()).orElseThrow().state()).isEqualTo(SagaState.FAILED);

        long deletesBefore = count(first, DeleteAssistant.class) + count(second, DeleteAssistant.class);
        BulkReplayResult done = post("/api/v1/sagas/replay?failedStep=create-outbound-assistant&type=onboarding&limit=500",
                null, BulkReplayResult.class);
        assertThat(done.results()).filteredOn(r -> r.id().equals(one.id().toString()) || r.id().equals(two.id().toString()))
                .hasSize(2).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("REPLAYED"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count(first, DeleteAssistant.class) + count(second, DeleteAssistant.class) >= deletesBefore + 2);
        assertThat(count(first, CreateAssistant.class)).isEqualTo(2);
        assertThat(count(second, CreateAssistant.class)).isEqualTo(2);

        assertThat(call("POST", "/api/v1/sagas/replay?state=COMPLETED", OPS, null).statusCode()).isEqualTo(400);
    }

    // ---- dead letters ---------------------------------------------------------------------------------------

    @Test
    void deadLettersAreListedWithTheirReasonAndRedrivenOnceToTheirOriginalTopic() {
        String orgId = newOrg();
        String badId = kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId,
                "{\"orgId\":\"" + orgId + "\",\"orgName\":\"X\"}");
        DeadLetter parked = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(orgId, null), d -> d != null);
        assertThat(parked.reason()).contains("schema violation");
        assertThat(parked.originalTopic()).isEqualTo(Topics.ORG_EVENTS);
        assertThat(parked.ceId()).isEqualTo(badId);
        assertThat(parked.ceType()).isEqualTo(OrganizationApproved.TYPE);
        assertThat(parked.bodyPreview()).contains(orgId);
        assertThat(parked.failedAt()).isNotBlank();

        // One record whole: every header and the full value, read at its position.
        DeadLetterDetail whole = get("/api/v1/dead-letters/" + parked.position() + "?topic=" + Topics.ORG_EVENTS,
                DeadLetterDetail.class);
        assertThat(whole.record().position()).isEqualTo(parked.position());
        assertThat(whole.record().reason()).isEqualTo(parked.reason());
        assertThat(whole.body()).isEqualTo("{\"orgId\":\"" + orgId + "\",\"orgName\":\"X\"}");
        assertThat(whole.bodyEncoding()).isEqualTo("utf-8");
        assertThat(whole.headers()).extracting(DeadLetterDetail.Header::name)
                .contains(Headers.CE_ID, Headers.CE_TYPE, Headers.DLQ_REASON, Headers.DLQ_ORIGINAL_TOPIC);
        assertThat(whole.headers()).filteredOn(h -> h.name().equals(Headers.CE_ID)).singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo(badId));
        HttpResponse<String> missing = call("GET", "/api/v1/dead-letters/0:99999999?topic=" + Topics.ORG_EVENTS, OPS, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("dead-letter-not-found");
        assertThat(call("GET", "/api/v1/dead-letters/x?topic=" + Topics.ORG_EVENTS, OPS, null).statusCode())
                .isEqualTo(400);

        RedriveResult dry = post("/api/v1/dead-letters/redrive", "{\"topic\":\"" + Topics.ORG_EVENTS
                + "\",\"offsets\":[\"" + parked.position() + "\"],\"dryRun\":true}", RedriveResult.class);
        assertThat(dry.results()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("WOULD_REDRIVE"));

        RedriveResult done = post("/api/v1/dead-letters/redrive", "{\"topic\":\"" + Topics.deadLetterOf(Topics.ORG_EVENTS)
                + "\",\"offsets\":[\"" + parked.position() + "\"]}", RedriveResult.class);
        assertThat(done.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("REDRIVEN");
            assertThat(r.toTopic()).isEqualTo(Topics.ORG_EVENTS);
        });
        // Still malformed, so the consumer parks it again: proof it went back to the original topic, headers intact.
        DeadLetter again = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterOf(orgId, parked.position()), d -> d != null);
        assertThat(again.ceId()).isEqualTo(badId);
        assertThat(again.originalPosition()).isNotEqualTo(parked.originalPosition());

        RedriveResult twice = post("/api/v1/dead-letters/redrive", "{\"topic\":\"" + Topics.ORG_EVENTS
                + "\",\"offsets\":[\"" + parked.position() + "\"]}", RedriveResult.class);
        assertThat(twice.results()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("ALREADY_REDRIVEN"));
        DeadLetterPage page = get("/api/v1/dead-letters?topic=" + Topics.ORG_EVENTS, DeadLetterPage.class);
        assertThat(page.records()).filteredOn(d -> d.position().equals(parked.position())).singleElement()
                .satisfies(d -> assertThat(d.redrivenAt()).isNotNull());

        assertThat(call("GET", "/api/v1/dead-letters?topic=nope", OPS, null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/dead-letters/redrive", OPS, "{\"topic\":\"" + Topics.ORG_EVENTS + "\"}")
                .statusCode()).isEqualTo(400);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Registration rejected, and undoing the outbound assistant rejected too: the saga parks as FAILED. */
    private String parkedAsFailed(String name) {
        String orgId = newOrg();
        workers.fail(orgId, RegisterPhoneNumber.class,
                new StepFailed(StepFailed.INVALID_REQUEST, "number rejected", false, "vapi", "400"));
        workers.fail(orgId, DeleteAssistant.class,
                new StepFailed(StepFailed.INVALID_REQUEST, "assistant is locked", false, "vapi", "400"));
        approve(orgId, name);
        return orgId;
    }

    private DeadLetter deadLetterOf(String orgId, String otherThan) {
        return get("/api/v1/dead-letters?topic=" + Topics.ORG_EVENTS, DeadLetterPage.class).records().stream()
                .filter(d -> orgId.equals(d.key()) && !d.position().equals(otherThan) && d.redrivenAt() == null)
                .reduce((a, b) -> b).orElse(null);
    }

    private long count(String orgId, Class<?> type) {
        return workers.received(orgId).stream().filter(type::isInstance).count();
    }

    private static String newOrg() {
        return "ops-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void approve(String orgId, String name) {
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, """
                {"orgId":"%s","orgName":"%s","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                .formatted(orgId, name, orgId));
    }

    private SagaInstance awaitSaga(String orgId, SagaState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(orgId).stream()
                .filter(s -> s.state() == state).findFirst().orElse(null), s -> s != null);
    }

    private <T> T get(String path, Class<T> type) {
        HttpResponse<String> response = call("GET", path, OPS, null);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), type);
    }

    private <T> T post(String path, String json, Class<T> type) {
        HttpResponse<String> response = call("POST", path, OPS, json);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), type);
    }

    private HttpResponse<String> call(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
