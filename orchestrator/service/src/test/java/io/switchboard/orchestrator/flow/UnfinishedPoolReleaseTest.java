package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.pool.PoolMaintenance;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code pool-release-idle} saga that ends without its last step, over the real broker and database. The pool table
 * must keep saying what the pool holds:
 * <ul>
 *   <li>the release never went through: the number stays out of stock ({@code RELEASING}, nobody takes it: an
 *       in-doubt attempt could still land) and the next idle check releases it again;</li>
 *   <li>Twilio refused it as another owner's: it leaves the pool, and is not released again.</li>
 * </ul>
 * A release that goes through after its saga ended: {@code pool.UnfinishedPoolReleaseLateSuccessTest}.
 */
class UnfinishedPoolReleaseTest extends OrchestratorOverKafkaContext {
    private FakeWorkers workers;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PoolMaintenance maintenance;
    @Autowired
    SagaStore sagas;

    @BeforeEach
    void startFakeWorkers() {
        TestInfrastructure.createTopics(6, Topics.all().toArray(String[]::new));
        workers = new FakeWorkers();
    }

    @AfterEach
    void stopFakeWorkers() {
        workers.close();
    }

    @Test
    void aReleaseThatEndedWithoutGoingThroughIsStartedAgainByTheNextIdleCheckAndNobodyTakesTheNumberMeanwhile() {
        String sid = idleNumber();
        SagaInstance first = releaseThatFailsForGood(sid);
        workers.close();
        workers = new FakeWorkers(); // Twilio answers again

        assertThat(poolStatus(sid)).as("out of stock: an in-doubt release could still land").isEqualTo("RELEASING");
        List<String> started = maintenance.releaseIdleNow();

        ReleaseNumber again = await().atMost(Duration.ofSeconds(30)).until(() -> workers.received().stream()
                .filter(c -> c instanceof ReleaseNumber r && r.numberSid().equals(sid)).map(ReleaseNumber.class::cast)
                .findFirst().orElse(null), c -> c != null);
        SagaInstance second = sagas.ofOrg(again.orgId()).get(0);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(started).contains(second.id().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> poolStatus(sid) == null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sagas.find(second.id()).orElseThrow().state() == SagaState.COMPLETED);
        assertThat(releasesOf(sid, maintenance.releaseIdleNow())).as("released once more, not again").isZero();
    }

    @Test
    void aReleaseTwilioRefusesAsAnotherOwnersNumberTakesItOutOfThePool() {
        String sid = idleNumber();
        workers.hold(c -> c instanceof ReleaseNumber r && r.numberSid().equals(sid));
        maintenance.releaseIdleNow();
        ReleaseNumber held = awaitHeld(sid);
        workers.answer(held.orgId(), ReleaseNumber.class, new StepFailed(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION,
                "number " + sid + " is tagged sb/org/someone-else/x", false, "twilio", null));

        workers.answerHeld();

        SagaInstance saga = sagas.ofOrg(held.orgId()).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> poolStatus(sid) == null);
        assertThat(sagas.find(saga.id()).orElseThrow().state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(releasesOf(sid, maintenance.releaseIdleNow())).as("not released again").isZero();
    }

    /** A pooled number idle for far longer than the release age (30 days by default), with its own SID. */
    private String idleNumber() {
        String sid = "PN" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("""
                insert into number_pool (number_sid, phone_number, country, area_code, status, idle_since, created_at)
                values (?, ?, 'US', '999', 'AVAILABLE', now() - interval '400 days', now() - interval '400 days')""",
                sid, "+1999555" + String.format("%04d", Math.abs(sid.hashCode()) % 10000));
        return sid;
    }

    /** Its release answered with a failure that is not retried (its attempts ran out, in effect): the saga ends. */
    private SagaInstance releaseThatFailsForGood(String sid) {
        workers.hold(c -> c instanceof ReleaseNumber r && r.numberSid().equals(sid));
        maintenance.releaseIdleNow();
        ReleaseNumber held = awaitHeld(sid);
        workers.answer(held.orgId(), ReleaseNumber.class, new StepFailed(StepFailed.PROVIDER_UNAVAILABLE,
                "Twilio answered 503 three times", false, "twilio", "503"));
        workers.answerHeld();
        SagaInstance saga = sagas.ofOrg(held.orgId()).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sagas.find(saga.id()).orElseThrow().state() == SagaState.COMPENSATED);
        assertThat(poolStatus(sid)).isEqualTo("RELEASING");
        return saga;
    }

    private ReleaseNumber awaitHeld(String sid) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> workers.held().stream()
                .filter(c -> c instanceof ReleaseNumber r && r.numberSid().equals(sid)).map(ReleaseNumber.class::cast)
                .findFirst().orElse(null), c -> c != null);
    }

    /** How many of these just-started sagas release {@code sid} (their first step's command names it). */
    private long releasesOf(String sid, List<String> sagaIds) {
        return sagaIds.stream().filter(id -> jdbc.queryForObject("select count(*) from saga_step where saga_id = ?::uuid"
                + " and step_name = 'release-number' and input ->> 'numberSid' = ?", Long.class, id, sid) > 0).count();
    }

    private String poolStatus(String sid) {
        List<String> rows = jdbc.queryForList("select status from number_pool where number_sid = ?", String.class, sid);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
