package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.batches.BatchFilter;
import io.switchboard.orchestrator.batches.BatchKind;
import io.switchboard.orchestrator.batches.BatchPlanner;
import io.switchboard.orchestrator.batches.BatchRequest;
import io.switchboard.orchestrator.batches.BatchRunner;
import io.switchboard.orchestrator.batches.BatchSelector;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.Batches;
import io.switchboard.orchestrator.batches.ItemStatus;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batches' selection, planning and runner against the real database (and sagas over the real broker, the workers
 * faked at the Kafka protocol level): which organizations a filter picks and what each would do; several runners
 * ticking one batch at once start each item once; the rate holds between ticks.
 */
class BatchRunnerTest extends OrchestratorOverKafkaContext {
    private static FakeWorkers workers;
    private static KafkaTestClient kafka;

    @Autowired
    Batches batches;
    @Autowired
    BatchRunner runner;
    @Autowired
    BatchPlanner planner;
    @Autowired
    SagaStore sagas;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

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

    private static String prefix() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    private void line(String orgId, String status, String numberSid) {
        jdbc.update("insert into ai_config (org_id, org_name, owner_email, status, setup_completed, setup_date, "
                        + "phone_number, number_sid, inbound_assistant_id, outbound_assistant_id, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'asst-in', 'asst-out', now())", orgId, orgId,
                "owner@" + orgId + ".test", status, numberSid != null, Timestamp.from(Instant.parse("2026-01-10T00:00:00Z")),
                numberSid == null ? null : "+15105550100", numberSid);
    }

    private void upstream(String orgId, Boolean inboundAi) {
        jdbc.update("insert into organization (org_id, company_name, owner_email, status, inbound_ai, updated_at) "
                + "values (?, ?, ?, 'verified', ?, now())", orgId, orgId, "owner@" + orgId + ".test", inboundAi);
    }

    private List<String> select(BatchFilter filter, BatchKind kind) {
        return transactions.execute(s -> planner.select(new BatchSelector(null, filter), kind, 100));
    }

    private BatchPlanner.Plan plan(BatchKind kind, String orgId) {
        return transactions.execute(s -> planner.plan(kind, orgId,
                new io.switchboard.contracts.events.InboundAiChanged(orgId, kind != BatchKind.INBOUND_AI_OFF)));
    }

    @Test
    void aFilterPicksItsOrganizationsAndEachPlanSaysWhatItWouldDo() {
        String p = prefix();
        line(p + "active", "active", "PN" + "a".repeat(32));
        line(p + "numberless", "inactive", null);
        line(p + "switched-off", "inactive", null);
        upstream(p + "switched-off", false);
        upstream(p + "no-line", true);

        assertThat(select(new BatchFilter("none", null, null, null, null, p), BatchKind.INBOUND_AI_ON))
                .containsExactly(p + "no-line");
        assertThat(select(new BatchFilter(null, false, null, null, null, p), BatchKind.INBOUND_AI_OFF))
                .containsExactly(p + "numberless", p + "switched-off");
        assertThat(select(new BatchFilter(null, null, null, null, "2026-02-01T00:00:00Z", p), BatchKind.INBOUND_AI_OFF))
                .containsExactly(p + "active", p + "numberless", p + "switched-off");
        assertThat(select(new BatchFilter(null, null, null, null, "2026-01-01T00:00:00Z", p), BatchKind.INBOUND_AI_OFF))
                .isEmpty();
        assertThat(select(new BatchFilter(null, null, "verified", true, null, p), BatchKind.INBOUND_AI_ON))
                .containsExactly(p + "no-line");
        // assign-numbers picks only lines without a number, whatever the filter says beside.
        assertThat(select(new BatchFilter(null, null, null, null, null, p), BatchKind.ASSIGN_NUMBERS))
                .containsExactly(p + "numberless", p + "switched-off");

        assertThat(plan(BatchKind.ASSIGN_NUMBERS, p + "numberless")).isEqualTo(new BatchPlanner.Plan(false, "start inbound-ai-on"));
        assertThat(plan(BatchKind.ASSIGN_NUMBERS, p + "switched-off").text()).contains("switched", "off");
        assertThat(plan(BatchKind.ASSIGN_NUMBERS, p + "active").text()).contains("has a number already", "+15105550100");
        assertThat(plan(BatchKind.ASSIGN_NUMBERS, p + "no-line").text()).contains("no line");
        assertThat(plan(BatchKind.INBOUND_AI_OFF, p + "active")).isEqualTo(new BatchPlanner.Plan(false, "start inbound-ai-off"));
        assertThat(plan(BatchKind.INBOUND_AI_OFF, p + "numberless")).satisfies(plan -> {
            assertThat(plan.skip()).isTrue();
            assertThat(plan.text()).contains("already inactive");
        });
    }

    @Test
    void runnersTickingOneBatchAtOnceStartEachItemOnceAndItCompletes() throws Exception {
        String p = prefix();
        List<String> orgs = IntStream.range(0, 6).mapToObj(i -> p + i).toList();
        for (String org : orgs) {
            kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, org, """
                    {"orgId":"%s","orgName":"Batch","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                    .formatted(org, org));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> orgs.stream().allMatch(org ->
                sagas.ofOrg(org).stream().anyMatch(s -> s.state() == SagaState.COMPLETED)));

        BatchView batch = batches.create(new BatchRequest("inbound-ai-off", orgs, null, null, 600, false, "test"));
        // The scheduled runner and four more threads, all at once.
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> ticks = IntStream.range(0, 4).<Future<?>>mapToObj(i -> threads.submit(() -> {
            go.await();
            for (int n = 0; n < 20; n++) {
                runner.tick(batch.id());
            }
            return null;
        })).toList();
        go.countDown();
        for (Future<?> tick : ticks) {
            tick.get();
        }
        threads.shutdown();

        BatchView done = await().atMost(Duration.ofSeconds(60)).until(() -> batches.view(batch.id()),
                b -> b.status() == BatchStatus.COMPLETED);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 6L);
        for (String org : orgs) {
            assertThat(jdbc.queryForObject("select count(*) from org_event where org_id = ? and event_source = ?",
                    Long.class, org, BatchRunner.SOURCE)).as("requests queued for " + org).isEqualTo(1);
            assertThat(sagas.ofOrg(org)).filteredOn(s -> s.sagaType().equals("inbound-ai-off"))
                    .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(SagaState.COMPLETED));
        }
    }

    @Test
    void betweenTicksTheRateLetsOneItemStartPerSpacing() {
        String p = prefix();
        List<String> orgs = IntStream.range(0, 3).mapToObj(i -> p + i).toList();
        // Active lines: each item starts an inbound-ai-off (the fake workers answer it).
        orgs.forEach(org -> line(org, "active", "PN" + UUID.randomUUID().toString().replace("-", "")));
        BatchView batch = batches.create(new BatchRequest("inbound-ai-off", orgs, null, null, 2, false, "test"));
        for (int n = 0; n < 10; n++) {
            runner.tick(batch.id());
        }
        BatchView view = batches.view(batch.id());
        // Two a minute: one start, then thirty seconds before the next.
        assertThat(view.counts().get(ItemStatus.PENDING)).isEqualTo(2);
        assertThat(view.counts().get(ItemStatus.PENDING) + view.inFlight() + view.counts().get(ItemStatus.SUCCEEDED)
                + view.counts().get(ItemStatus.FAILED)).isEqualTo(3);
        assertThat(view.estimatedCompletion()).isAfter(Instant.now().plusSeconds(50));
        batches.cancel(batch.id());
        assertThat(batches.view(batch.id()).counts().get(ItemStatus.SKIPPED)).isEqualTo(2);
    }

    @Test
    void anItemQueuedBehindARunningSagaIsFollowedNotQueuedAgainAndItsIgnoredRequestIsSkipped() {
        String org = prefix() + "busy";
        line(org, "active", "PN" + UUID.randomUUID().toString().replace("-", ""));
        // The organization runs a saga (a row only: it never ends by itself), so the item waits in its queue.
        UUID running = UUID.randomUUID();
        jdbc.update("insert into saga_instance (id, saga_type, definition_version, org_id, state, data, created_at, "
                + "updated_at) values (?, 'inbound-ai-on', 3, ?, 'RUNNING', '{}'::jsonb, now(), now())", running, org);
        BatchView batch = batches.create(new BatchRequest("inbound-ai-off", List.of(org), null, null, 600, false, "test"));
        assertThat(batches.items(batch.id(), null, 10, 0).items()).singleElement()
                .satisfies(i -> assertThat(i.action()).contains("queued behind inbound-ai-on saga " + running));

        for (int n = 0; n < 5; n++) {
            runner.tick(batch.id());
        }
        String requestId = batch.id() + ":" + org;
        assertThat(batches.items(batch.id(), null, 10, 0).items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.STARTED);
            assertThat(i.requestId()).isEqualTo(requestId);
            assertThat(i.sagaId()).isNull();
        });
        assertThat(jdbc.queryForList("select status from org_event where org_id = ? and event_source = ?",
                String.class, org, BatchRunner.SOURCE)).as("queued once, still waiting").containsExactly("PENDING");

        // Its turn came and the intake found nothing to do (as it decides and records it).
        jdbc.update("update saga_instance set state = 'COMPLETED', finished_at = now() where id = ?", running);
        jdbc.update("update org_event set status = 'IGNORED', note = 'inboundAi=false and the line is already inactive' "
                + "where event_source = ? and event_id = ?", BatchRunner.SOURCE, requestId);
        runner.tick(batch.id());
        BatchView done = await().atMost(Duration.ofSeconds(10)).until(() -> batches.view(batch.id()),
                b -> b.status() == BatchStatus.COMPLETED);
        assertThat(done.counts()).containsEntry(ItemStatus.SKIPPED, 1L);
        assertThat(batches.items(batch.id(), null, 10, 0).items().get(0).reason()).contains("already inactive");
    }
}
