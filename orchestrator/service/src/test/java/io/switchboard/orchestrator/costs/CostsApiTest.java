package io.switchboard.orchestrator.costs;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.OrchestratorApplication;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.SwitchboardTestProperties;
import io.switchboard.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What it costs, over real HTTP, PostgreSQL and Kafka: one line set up by a real onboarding (workers faked at the
 * Kafka level: a number bought in the platform's account), the other kinds of line written as the sagas leave them
 * (the sagas that make those have their own tests), and the pool's numbers.
 */
@SpringBootTest(classes = OrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {OrchestratorApplication.CONFIG_NAME, "switchboard.timers.poll-interval=50ms",
                "switchboard.outbox.sweep-interval=100ms", "switchboard.orchestrator.consumer-group=costs-api-test",
                "switchboard.costs.platform-twilio-number-monthly=1.15",
                "switchboard.costs.organization-twilio-number-monthly=2.00",
                "switchboard.costs.assistant-monthly=0.50", "switchboard.costs.currency=EUR",
                "switchboard.costs.metrics-refresh=0s", "switchboard.pool.vapi-free-number-limit=3",
                "switchboard.costs.alert-headroom=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CostsApiTest {
    private static final String OPS = "Bearer " + ApiProperties.DEV_OPS_TOKEN;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String BOUGHT = "bought-" + SUFFIX;
    private static final String OWN = "own-" + SUFFIX;
    private static final String FREE_1 = "free1-" + SUFFIX;
    private static final String FREE_2 = "free2-" + SUFFIX;
    private static final String TRIAL = "trial-" + SUFFIX;
    private static final String OFF = "off-" + SUFFIX;
    private static final String OWN_TOKEN = "tok-own-" + UUID.randomUUID();
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
        SwitchboardTestProperties.register(registry, "costs");
        registry.add("switchboard.api.org-tokens." + OWN_TOKEN, () -> OWN);
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

    @Test
    void countsEveryNumberByWhereItLivesAndPricesItOverTheApiAndPrometheus() throws Exception {
        startFromNothing();
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, BOUGHT, """
                {"orgId":"%s","orgName":"Bought","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                .formatted(BOUGHT, BOUGHT));
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(BOUGHT).stream()
                .anyMatch(s -> s.state() == SagaState.COMPLETED));
        line(OWN, "ORGANIZATION_OWNED", "PN-own", null, "cred-own");
        line(FREE_1, "VAPI_FREE", null, "vapi-free-1", null);
        line(FREE_2, "VAPI_FREE", null, "vapi-free-2", null);
        line(TRIAL, "TRIAL_EXISTING", "PN-trial", null, "cred-trial");
        line(OFF, null, null, null, null);   // turned off: assistants kept, no number
        pooled("PN-pool-1", null);
        pooled("PN-pool-2", null);

        CostReport all = get("/api/v1/costs", OPS, CostReport.class);
        assertThat(all.numbers()).isEqualTo(new NumberCounts(1, 2, 2));
        assertThat(all.pooledNumbers()).isEqualTo(new NumberCounts(2, 0, 0));
        assertThat(all.assistants()).isEqualTo(12);
        // (1 line + 2 pooled) x 1.15 + 2 x 2.00 + 2 x 0 ; 12 x 0.50
        assertThat(all.monthlyCost().numbers()).isEqualByComparingTo("7.45");
        assertThat(all.monthlyCost().assistants()).isEqualByComparingTo("6.00");
        assertThat(all.monthlyCost().total()).isEqualByComparingTo("13.45");
        assertThat(all.monthlyCost().inOrganizationAccounts()).isEqualByComparingTo("4.00");
        assertThat(all.monthlyCost().currency()).isEqualTo("EUR");
        assertThat(all.pooledMonthlyCost().total()).isEqualByComparingTo("2.30");
        assertThat(all.limits().vapiFree()).isEqualTo(new NumberLimits.Limit(3, 2, 1, true));
        assertThat(all.limits().trialAccounts()).containsExactly(
                new NumberLimits.TrialAccount("cred-trial", new NumberLimits.Limit(1, 1, 0, true)));
        assertThat(all.organizations()).extracting(OrganizationCost::orgId)
                .containsExactlyInAnyOrder(BOUGHT, OWN, FREE_1, FREE_2, TRIAL, OFF);
        assertThat(all.organizations()).filteredOn(o -> o.orgId().equals(OFF)).singleElement()
                .satisfies(o -> assertThat(o.numbers().total()).isZero());

        OrganizationCost bought = get("/api/v1/organizations/" + BOUGHT + "/costs", OPS, OrganizationCost.class);
        assertThat(bought.numbers()).isEqualTo(new NumberCounts(1, 0, 0));
        assertThat(bought.monthlyCost().total()).isEqualByComparingTo("2.15");

        String prometheus = call("/actuator/prometheus", OPS).body();
        assertThat(prometheus)
                .contains("switchboard_numbers{place=\"platform_twilio\"} 1.0")
                .contains("switchboard_numbers{place=\"organization_twilio\"} 2.0")
                .contains("switchboard_numbers{place=\"vapi_free\"} 2.0")
                .contains("switchboard_numbers{place=\"pool\"} 2.0")
                .contains("switchboard_assistants 12.0")
                .contains("switchboard_monthly_cost{currency=\"EUR\",part=\"total\"} 13.45")
                .contains("switchboard_number_limit_remaining{limit=\"vapi_free\"} 1.0")
                .contains("switchboard_number_limit_near{limit=\"vapi_free\"} 1.0")
                .contains("switchboard_number_limit_remaining{limit=\"trial_account\"} 0.0");

        // One free number fewer: the free-number limit is no longer near (2 left > alert-headroom 1).
        jdbc.update("delete from ai_config where org_id = ?", FREE_2);
        assertThat(call("/actuator/prometheus", OPS).body())
                .contains("switchboard_number_limit_remaining{limit=\"vapi_free\"} 2.0")
                .contains("switchboard_number_limit_near{limit=\"vapi_free\"} 0.0");
    }

    @Test
    void anOrganizationTokenSeesOnlyItsOwnCosts() {
        line(OWN, "ORGANIZATION_OWNED", "PN-own", null, "cred-own");
        line(FREE_1, "VAPI_FREE", null, "vapi-free-1", null);
        String token = "Bearer " + OWN_TOKEN;
        OrganizationCost own = get("/api/v1/organizations/" + OWN + "/costs", token, OrganizationCost.class);
        assertThat(own.numbers()).isEqualTo(new NumberCounts(0, 1, 0));
        assertThat(own.monthlyCost().inOrganizationAccounts()).isEqualByComparingTo(new BigDecimal("2.00"));

        HttpResponse<String> other = call("/api/v1/organizations/" + FREE_1 + "/costs", token);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("vapi-free-1").doesNotContain(FREE_1 + "\"");
        assertThat(call("/api/v1/costs", token).statusCode()).isEqualTo(403);
        assertThat(call("/api/v1/costs", null).statusCode()).isEqualTo(401);
    }

    /**
     * The broker is shared by the test JVM: this context's orchestrator first reads every organization event earlier
     * tests published and sets up lines for them in its database. Totals are only this test's once that backlog is
     * applied and its lines and pool rows are gone (the database is this context's own).
     */
    private void startFromNothing() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lag(admin) == 0 && jdbc.queryForObject(
                            "select count(*) from saga_instance where state in ('RUNNING', 'COMPENSATING')",
                            Long.class) == 0);
        }
        jdbc.update("delete from ai_config");
        jdbc.update("delete from number_pool");
    }

    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("costs-api-test")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of(Topics.ORG_EVENTS, Topics.SAGA_REPLIES)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += end.getValue().offset() - (position == null ? 0 : position.offset());
        }
        return lag;
    }

    private void line(String orgId, String source, String numberSid, String vapiNumberId, String credentialId) {
        jdbc.update("delete from ai_config where org_id = ?", orgId);
        boolean active = numberSid != null || vapiNumberId != null;
        jdbc.update("""
                        insert into ai_config (org_id, org_name, owner_email, status, setup_completed, setup_date,
                            phone_number, number_sid, number_source, vapi_phone_number_id, inbound_assistant_id,
                            outbound_assistant_id, country, area_code, twilio_credential_id, updated_at)
                        values (?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, 'US', '510', ?, now())""",
                orgId, orgId, "owner@" + orgId + ".test", active ? "active" : "inactive", active,
                active ? "+1510555" + Math.abs(orgId.hashCode() % 10000) : null, numberSid, source,
                vapiNumberId == null && numberSid != null ? "vapi-reg-" + orgId : vapiNumberId,
                "asst-in-" + orgId, "asst-out-" + orgId, credentialId);
    }

    private void pooled(String sid, String credentialId) {
        jdbc.update("""
                        insert into number_pool (number_sid, phone_number, country, area_code, provider,
                            twilio_credential_id, status, idle_since, created_at)
                        values (?, ?, 'US', '415', 'twilio', ?, 'AVAILABLE', ?, ?) on conflict do nothing""",
                sid, "+1415555" + Math.abs(sid.hashCode() % 10000), credentialId, Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
    }

    private <T> T get(String path, String authorization, Class<T> type) {
        HttpResponse<String> response = call(path, authorization);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), type);
    }

    private HttpResponse<String> call(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
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
