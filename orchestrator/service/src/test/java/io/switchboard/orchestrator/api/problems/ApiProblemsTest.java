package io.switchboard.orchestrator.api.problems;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.credentials.CredentialKeyset;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every refused request answers an RFC 9457 problem: {@code application/problem+json}, a stable type URI, the
 * status, a detail that says what to do, the request path as instance, and members naming what it concerns. One
 * test per endpoint family, over real HTTP, Kafka and PostgreSQL (workers faked at the Kafka level).
 */
@SpringBootTest(classes = OrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {OrchestratorApplication.CONFIG_NAME, "switchboard.timers.poll-interval=50ms",
                "switchboard.outbox.sweep-interval=100ms", "switchboard.orchestrator.consumer-group=api-problems-test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApiProblemsTest {
    private static final String OPS = "Bearer " + ApiProperties.DEV_OPS_TOKEN;
    private static final String TENANT = "problems-a-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_TENANT = "problems-b-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT_TOKEN_VALUE = "tok-problems-" + UUID.randomUUID();
    private static final String TENANT_TOKEN = "Bearer " + TENANT_TOKEN_VALUE;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static FakeWorkers workers;
    private static KafkaTestClient kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonCodec codec = new JsonCodec();

    @Autowired
    SagaStore sagas;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SwitchboardTestProperties.register(registry, "apiproblems");
        registry.add("switchboard.api.org-tokens." + TENANT_TOKEN_VALUE, () -> TENANT);
        String keyset = CredentialKeyset.generate().toJson();
        registry.add("switchboard.credentials.keyset", () -> keyset);
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

    // ---- organizations ---------------------------------------------------------------------------------------

    @Test
    void organizationEndpointsExplainBadBodiesConflictsAndUnknownIds() {
        String orgId = newOrg();
        String retry = "/api/v1/organizations/" + orgId + "/retry-ai-setup";

        Map<String, Object> malformed = problem(call("POST", retry, OPS, "{\"country\":"), 400, "malformed-body", retry);
        assertThat(detail(malformed)).contains("not well-formed JSON");

        Map<String, Object> unknown = problem(call("POST", retry, OPS, "{\"country\":\"US\",\"cuontry\":\"US\"}"), 400,
                "invalid-request", retry);
        assertThat(errors(unknown)).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("field", "cuontry");
            assertThat(e.get("message").toString()).contains("not a field").contains("areaCode, country");
        });

        Map<String, Object> wrongType = problem(call("POST", retry, OPS, "{\"areaCode\":415}"), 400, "invalid-request", retry);
        assertThat(errors(wrongType)).containsExactly(Map.of("field", "areaCode", "message", "must be a string"));

        Map<String, Object> invalid = problem(call("POST", retry, OPS, "{\"country\":\"XX\",\"areaCode\":\"41\"}"), 400,
                "invalid-request", retry);
        assertThat(errors(invalid)).extracting(e -> e.get("field")).containsExactly("country", "areaCode");
        assertThat(detail(invalid)).contains("country must be an ISO 3166-1 alpha-2").contains("areaCode must be three digits");

        Map<String, Object> neverOnboarded = problem(call("POST", retry, OPS, "{}"), 404, "onboarding-not-found", retry);
        assertThat(neverOnboarded).containsEntry("orgId", orgId);
        assertThat(detail(neverOnboarded)).contains("OrganizationApproved");

        approve(orgId);
        awaitSaga(orgId, SagaState.COMPLETED);
        Map<String, Object> exists = problem(call("POST", retry, OPS, "{\"country\":\"US\"}"), 409, "setup-exists", retry);
        assertThat(exists).containsEntry("orgId", orgId).containsEntry("setupStatus", "active");
        assertThat(detail(exists)).contains("DELETE /api/v1/organizations/" + orgId + "/ai-setup");

        String cleanup = "/api/v1/organizations/" + newOrg() + "/ai-setup";
        problem(call("DELETE", cleanup, OPS, null), 404, "ai-setup-not-found", cleanup);

        String requestId = UUID.randomUUID().toString();
        String request = "/api/v1/organizations/" + orgId + "/requests/" + requestId;
        assertThat(problem(call("GET", request, OPS, null), 404, "request-not-found", request))
                .containsEntry("orgId", orgId).containsEntry("requestId", requestId);

        Map<String, Object> plainText = problem(call("POST", retry, OPS, "country=US", "text/plain"), 415,
                "unsupported-media-type", retry);
        assertThat(plainText.get("supported").toString()).contains("application/json");

        String status = "/api/v1/organizations/" + orgId + "/ai-status";
        Map<String, Object> wrongMethod = problem(call("PUT", status, OPS, "{}"), 405, "method-not-allowed", status);
        assertThat(wrongMethod).containsEntry("method", "PUT");
        assertThat(wrongMethod.get("allowed").toString()).contains("GET").doesNotContain("PUT");
        assertThat(detail(wrongMethod)).contains("use GET");
    }

    // ---- number pool -----------------------------------------------------------------------------------------

    @Test
    void poolProvisioningNamesEveryInvalidField() {
        String provision = "/api/v1/number-pool/provision";
        Map<String, Object> outOfRange = problem(call("POST", provision, OPS,
                "{\"count\":101,\"country\":\"usa\",\"areaCode\":\"4150\"}"), 400, "invalid-request", provision);
        assertThat(errors(outOfRange)).containsExactly(
                Map.of("field", "count", "message", "must be between 1 and 100"),
                Map.of("field", "country", "message", "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US"),
                Map.of("field", "areaCode", "message", "must be three digits, e.g. 415"));
        assertThat(errors(problem(call("POST", provision, OPS, "{\"count\":0}"), 400, "invalid-request", provision)))
                .extracting(e -> e.get("field")).containsExactly("count");

        for (String wrong : List.of("{\"count\":\"5\"}", "{\"count\":1.5}", "{\"count\":true}")) {
            assertThat(errors(problem(call("POST", provision, OPS, wrong), 400, "invalid-request", provision)))
                    .as(wrong).containsExactly(Map.of("field", "count", "message", "must be a whole number"));
        }
        assertThat(errors(problem(call("POST", provision, OPS, "{\"country\":44}"), 400, "invalid-request", provision)))
                .containsExactly(Map.of("field", "country", "message", "must be a string"));
        assertThat(detail(problem(call("POST", provision, OPS, null), 400, "malformed-body", provision)))
                .contains("needs a JSON body");
        assertThat(problem(call("GET", provision, OPS, null), 405, "method-not-allowed", provision).get("allowed"))
                .asString().contains("POST").doesNotContain("GET");
    }

    // ---- tenant credentials ----------------------------------------------------------------------------------

    @Test
    void credentialEndpointsNameTheFieldsTheCredentialAndWhatStillUsesIt() {
        String orgId = newOrg();
        String base = "/api/v1/organizations/" + orgId + "/twilio-credentials";
        String secret = "tok" + UUID.randomUUID().toString().replace("-", "");

        HttpResponse<String> badSid = call("POST", base, OPS, "{\"accountSid\":\"AC123\",\"authToken\":\"" + secret + "\"}");
        assertThat(errors(problem(badSid, 400, "invalid-request", base))).extracting(e -> e.get("field"))
                .containsExactly("accountSid");
        assertThat(badSid.body()).as("the token is never repeated").doesNotContain(secret);
        assertThat(errors(problem(call("POST", base, OPS, "{\"accountSid\":\"AC123\"}"), 400, "invalid-request", base)))
                .extracting(e -> e.get("field")).containsExactly("accountSid", "authToken");
        HttpResponse<String> wrongType = call("POST", base, OPS, "{\"accountSid\":\"" + accountSid() + "\",\"authToken\":"
                + "{\"value\":\"" + secret + "\"}}");
        assertThat(errors(problem(wrongType, 400, "invalid-request", base)))
                .containsExactly(Map.of("field", "authToken", "message", "must be a string"));
        assertThat(wrongType.body()).doesNotContain(secret);

        String unknownId = UUID.randomUUID().toString();
        String unknown = base + "/" + unknownId;
        assertThat(problem(call("DELETE", unknown, OPS, null), 404, "credential-not-found", unknown))
                .containsEntry("orgId", orgId).containsEntry("credentialId", unknownId);

        HttpResponse<String> created = call("POST", base, OPS, "{\"accountSid\":\"" + accountSid() + "\",\"authToken\":\""
                + secret + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String credentialId = String.valueOf(codec.decodeLenient(created.body(), Map.class).get("credentialId"));
        String phone = "+1510" + String.format("%07d", Math.floorMod(orgId.hashCode(), 10_000_000));
        workers.answer(orgId, AcquireNumber.class, new NumberAcquired(phone, "PN-" + orgId, NumberAcquired.Source.PURCHASED));
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, """
                {"orgId":"%s","orgName":"Own","ownerEmail":"owner@%s.test","status":"verified","country":"US",
                 "areaCode":"510","twilioCredentialId":"%s"}""".formatted(orgId, orgId, credentialId));
        awaitSaga(orgId, SagaState.COMPLETED);

        String delete = base + "/" + credentialId;
        Map<String, Object> lineUsesIt = problem(call("DELETE", delete, OPS, null), 409, "credential-in-use", delete);
        assertThat(lineUsesIt).containsEntry("credentialId", credentialId).containsEntry("orgId", orgId)
                .containsEntry("lineNumbers", List.of(phone)).containsEntry("pooledNumbers", List.of());
        assertThat(detail(lineUsesIt)).contains(phone).contains("switch inbound AI off");
        assertThat(lineUsesIt.toString()).doesNotContain(secret);

        // The line gone, the pool still holding a number in that account: still in use, and the detail says why.
        kafka.publishEvent(Topics.ORG_EVENTS, InboundAiChanged.TYPE, orgId,
                "{\"orgId\":\"" + orgId + "\",\"inboundAi\":false}");
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(orgId).stream()
                .anyMatch(s -> s.sagaType().equals("inbound-ai-off") && s.state() == SagaState.COMPLETED));
        String pooled = "+1511" + String.format("%07d", Math.floorMod(orgId.hashCode(), 10_000_000));
        jdbc.update("""
                insert into number_pool (number_sid, phone_number, country, area_code, twilio_credential_id, status,
                                         idle_since, created_at)
                values (?, ?, 'US', '510', ?, 'AVAILABLE', now(), now())""", "PN-POOL-" + orgId, pooled, credentialId);
        Map<String, Object> poolHoldsIt = problem(call("DELETE", delete, OPS, null), 409, "credential-in-use", delete);
        assertThat(poolHoldsIt).containsEntry("lineNumbers", List.of()).containsEntry("pooledNumbers", List.of(pooled));
        assertThat(detail(poolHoldsIt)).contains("number pool holds " + pooled).contains("switch the organization's inbound AI on");

        jdbc.update("delete from number_pool where number_sid = ?", "PN-POOL-" + orgId);
        assertThat(call("DELETE", delete, OPS, null).statusCode()).isEqualTo(204);
    }

    // ---- sagas and dead letters (ops) ------------------------------------------------------------------------

    @Test
    void sagaAndDeadLetterEndpointsExplainUnknownIdsWrongStatesAndBadFilters() {
        String unknownId = UUID.randomUUID().toString();
        for (String id : List.of(unknownId, "not-a-uuid")) {
            String path = "/api/v1/sagas/" + id;
            assertThat(problem(call("GET", path, OPS, null), 404, "saga-not-found", path)).containsEntry("sagaId", id);
            assertThat(problem(call("POST", path + "/replay", OPS, null), 404, "saga-not-found", path + "/replay"))
                    .containsEntry("sagaId", id);
        }

        String orgId = newOrg();
        approve(orgId);
        SagaInstance completed = awaitSaga(orgId, SagaState.COMPLETED);
        String replay = "/api/v1/sagas/" + completed.id() + "/replay";
        Map<String, Object> notFailed = problem(call("POST", replay, OPS, null), 409, "saga-not-replayable", replay);
        assertThat(notFailed).containsEntry("sagaId", completed.id().toString()).containsEntry("orgId", orgId)
                .containsEntry("state", "COMPLETED");
        assertThat(detail(notFailed)).contains("completed; there is nothing to replay");
        String compensate = "/api/v1/sagas/" + completed.id() + "/compensate";
        assertThat(errors(problem(call("POST", compensate, OPS, "{}"), 400, "invalid-request", compensate)))
                .extracting(e -> e.get("field")).containsExactly("reason");
        assertThat(problem(call("POST", compensate, OPS, "{\"reason\":\"stop\"}"), 409, "saga-not-compensable", compensate))
                .containsEntry("sagaId", completed.id().toString()).containsEntry("state", "COMPLETED");

        assertThat(errors(problem(call("GET", "/api/v1/sagas?state=NOPE", OPS, null), 400, "invalid-request", "/api/v1/sagas")))
                .extracting(e -> e.get("field")).containsExactly("state");
        assertThat(errors(problem(call("GET", "/api/v1/sagas?limit=many", OPS, null), 400, "invalid-request", "/api/v1/sagas")))
                .containsExactly(Map.of("field", "limit", "message", "must be a whole number"));
        assertThat(errors(problem(call("POST", "/api/v1/sagas/replay", OPS, "{\"state\":\"COMPLETED\"}"), 400,
                "invalid-request", "/api/v1/sagas/replay"))).extracting(e -> e.get("field")).containsExactly("state");
        assertThat(errors(problem(call("POST", "/api/v1/sagas/replay", OPS, "{\"dryRun\":\"yes\"}"), 400,
                "invalid-request", "/api/v1/sagas/replay")))
                .containsExactly(Map.of("field", "dryRun", "message", "must be true or false"));

        String dlq = "/api/v1/dead-letters";
        assertThat(errors(problem(call("GET", dlq, OPS, null), 400, "invalid-request", dlq)))
                .containsExactly(Map.of("field", "topic", "message", "is required (query parameter)"));
        assertThat(errors(problem(call("GET", dlq + "?topic=nope", OPS, null), 400, "invalid-request", dlq)))
                .extracting(e -> e.get("field")).containsExactly("topic");
        String redrive = dlq + "/redrive";
        assertThat(errors(problem(call("POST", redrive, OPS, "{\"topic\":\"" + Topics.ORG_EVENTS + "\"}"), 400,
                "invalid-request", redrive))).extracting(e -> e.get("field")).containsExactly("offsets");
        assertThat(errors(problem(call("POST", redrive, OPS, "{\"topic\":\"" + Topics.ORG_EVENTS
                + "\",\"offsets\":[\"0:1\",\"x\"]}"), 400, "invalid-request", redrive)))
                .extracting(e -> e.get("field")).containsExactly("offsets[1]");
        assertThat(errors(problem(call("POST", redrive, OPS, "{\"topic\":\"" + Topics.ORG_EVENTS
                + "\",\"offsets\":\"0:1\"}"), 400, "invalid-request", redrive)))
                .containsExactly(Map.of("field", "offsets", "message", "must be an array"));
    }

    // ---- the token filter ------------------------------------------------------------------------------------

    @Test
    void theTokenFilterAnswersProblemsThatNeverEchoTheTokenAndHidesOtherOrganizations() {
        String sagas = "/api/v1/sagas";
        Map<String, Object> none = problem(call("GET", sagas, null, null), 401, "unauthorized", sagas);
        assertThat(detail(none)).contains("Authorization: Bearer");
        HttpResponse<String> wrongToken = call("GET", sagas, "Bearer wrong-" + TENANT_TOKEN_VALUE, null);
        problem(wrongToken, 401, "unauthorized", sagas);
        assertThat(wrongToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(wrongToken.body()).doesNotContain(TENANT_TOKEN_VALUE);

        Map<String, Object> forbidden = problem(call("GET", sagas, TENANT_TOKEN, null), 403, "forbidden", sagas);
        assertThat(detail(forbidden)).contains("needs an ops token");
        assertThat(forbidden.toString()).doesNotContain(TENANT_TOKEN_VALUE);

        // Another organization's paths answer exactly what a path that does not exist answers.
        String later = "/api/v1/organizations/" + OTHER_TENANT + "/an-endpoint-added-later";
        HttpResponse<String> crossTenant = call("GET", later, TENANT_TOKEN, null);
        HttpResponse<String> realNotFound = call("GET", later, OPS, null);
        problem(realNotFound, 404, "not-found", later);
        assertThat(crossTenant.statusCode()).isEqualTo(404);
        assertThat(crossTenant.headers().firstValue("Content-Type")).isEqualTo(realNotFound.headers().firstValue("Content-Type"));
        assertThat(crossTenant.body()).isEqualTo(realNotFound.body());
        String status = "/api/v1/organizations/" + OTHER_TENANT + "/ai-status";
        Map<String, Object> hidden = problem(call("GET", status, TENANT_TOKEN, null), 404, "not-found", status);
        Map<String, Object> unknownPath = problem(call("GET", "/api/v1/nothing-here", OPS, null), 404, "not-found",
                "/api/v1/nothing-here");
        assertThat(hidden.get("detail")).isEqualTo(unknownPath.get("detail"));
        assertThat(hidden.get("title")).isEqualTo(unknownPath.get("title"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Asserts the RFC 9457 shape and returns every member, extension members included. */
    private Map<String, Object> problem(HttpResponse<String> response, int status, String type, String instance) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValue(PROBLEM_JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = codec.decodeLenient(response.body(), Map.class);
        assertThat(body).as(response.body())
                .containsEntry("type", ProblemType.BASE + type)
                .containsEntry("status", status)
                .containsEntry("instance", instance)
                .containsKey("title");
        assertThat(detail(body)).as(response.body()).isNotBlank();
        return body;
    }

    private static String detail(Map<String, Object> problem) {
        return String.valueOf(problem.get("detail"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> problem) {
        assertThat(problem).containsKey("errors");
        return (List<Map<String, Object>>) problem.get("errors");
    }

    private static String newOrg() {
        return "problems-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String accountSid() {
        return "AC" + "0123456789abcdef".repeat(2);
    }

    private void approve(String orgId) {
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, """
                {"orgId":"%s","orgName":"Problems","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                .formatted(orgId, orgId));
    }

    private SagaInstance awaitSaga(String orgId, SagaState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(orgId).stream()
                .filter(s -> s.state() == state).findFirst().orElse(null), s -> s != null);
    }

    private HttpResponse<String> call(String method, String path, String authorization, String json) {
        return call(method, path, authorization, json, "application/json");
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
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
