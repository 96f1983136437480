package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.orchestrator.onboarding.NumberProvider;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.runtime.SagaRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark behind "1,000 free-number waits in flight hold no threads": onboardings whose free VAPI number is still
 * activating wait on a durable timer row each, not on a thread. Drives the real saga runtime and database of the
 * shared orchestrator context (the worker's answers are applied directly, so no worker has to run), compares the
 * JVM's live threads at 10 and at 1,000 waits, and then lets the timer poller run one poll round over all of them.
 * Figures are logged with the prefix {@code FREE-NUMBER-WAITS}; docs/benchmarks.md has a measured run.
 */
class FreeNumberWaitsHoldNoThreadsTest extends OrchestratorOverKafkaContext {
    private static final Logger log = LoggerFactory.getLogger(FreeNumberWaitsHoldNoThreadsTest.class);
    private static final String ORG_PREFIX = "waits-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final int FEW = 10;
    private static final int MANY = 1_000;
    /** Kafka clients, the pool and the poller come and go a little; a thread per wait would add ~990. */
    private static final int THREAD_NOISE = 15;
    private static JdbcTemplate cleanupJdbc;

    @Autowired
    SagaRuntime runtime;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aThousandSagasWaitingForTheirFreeNumberHoldTimerRowsNotThreads() {
        cleanupJdbc = jdbc;
        int threadsBefore = liveThreads();

        long startedAt = System.nanoTime();
        List<UUID> sagas = new ArrayList<>(startWaiting(0, FEW));
        awaitTimerRows(FEW);
        int threadsAtFew = liveThreads();

        sagas.addAll(startWaiting(FEW, MANY));
        Duration toStartAll = Duration.ofNanos(System.nanoTime() - startedAt);
        long rowsAtMany = awaitTimerRows(MANY);
        int threadsAtMany = liveThreads();

        // The default poll interval is 15 s: wait until the poller has asked VAPI again for every number.
        long pollStartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> sagasPolledAgain() >= MANY);
        Duration pollRound = Duration.ofNanos(System.nanoTime() - pollStartedAt);
        int threadsAfterPollRound = liveThreads();
        long rowsAfterPollRound = timerRows();
        int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();

        log.info("FREE-NUMBER-WAITS threads before={} at{}={} at{}={} afterPollRound={} jvmPeak={}; armed step timers at{}={} "
                        + "afterPollRound={}; {} waits set up in {} ms; every wait polled again within {} ms",
                threadsBefore, FEW, threadsAtFew, MANY, threadsAtMany, threadsAfterPollRound, peakThreads, MANY,
                rowsAtMany, rowsAfterPollRound, sagas.size(), toStartAll.toMillis(), pollRound.toMillis());
        assertThat(sagas).hasSize(MANY);
        assertThat(rowsAtMany).as("one durable timer per waiting saga").isEqualTo(MANY);
        assertThat(rowsAfterPollRound).as("still one timer each after a poll round").isEqualTo(MANY);
        assertThat(threadsAtMany).as("live threads at %d waits vs %d waits", MANY, FEW)
                .isLessThanOrEqualTo(threadsAtFew + THREAD_NOISE);
        assertThat(threadsAfterPollRound).isLessThanOrEqualTo(threadsAtFew + THREAD_NOISE);
    }

    /** Sets up the waits on the test thread, so the only threads counted are the orchestrator's own. */
    private List<UUID> startWaiting(int from, int to) {
        List<UUID> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(startOneWait(i));
        }
        return ids;
    }

    /** One onboarding: assistants created, free number ordered, first look answered "not ready yet". */
    private UUID startOneWait(int n) {
        String orgId = ORG_PREFIX + n;
        OnboardingData data = OnboardingData.from(new OrganizationApproved(orgId, "Waits " + n,
                "owner@" + orgId + ".test", "verified", "US", "415", null)).withNumberProvider(NumberProvider.VAPI_FREE);
        return transactions.execute(tx -> {
            UUID id = runtime.start(OnboardingSaga.TYPE, orgId, data).id();
            runtime.onReply(id, "create-inbound-assistant", 1, new AssistantCreated("asst-in-" + orgId, "in"));
            runtime.onReply(id, "create-outbound-assistant", 1, new AssistantCreated("asst-out-" + orgId, "out"));
            runtime.onReply(id, "create-free-vapi-number", 1, new FreePhoneNumberCreated("vapi-" + orgId, "activating"));
            runtime.onReply(id, "await-vapi-number", 1,
                    new StepFailed(StepFailed.NOT_READY, "still activating", true, "vapi", null));
            return id;
        });
    }

    private long awaitTimerRows(int expected) {
        return await().atMost(Duration.ofSeconds(30)).until(this::timerRows, rows -> rows >= expected);
    }

    private long timerRows() {
        Long rows = jdbc.queryForObject("select count(*) from saga_step t join saga_instance s on s.id = t.saga_id "
                + "where s.org_id like ? and t.step_name = 'await-vapi-number' and t.fire_at is not null", Long.class,
                ORG_PREFIX + "%");
        return rows == null ? 0 : rows;
    }

    private long sagasPolledAgain() {
        Long polled = jdbc.queryForObject("select count(*) from saga_step p join saga_instance s on s.id = p.saga_id "
                        + "where s.org_id like ? and p.step_name = 'await-vapi-number' and p.attempt >= 2",
                Long.class, ORG_PREFIX + "%");
        return polled == null ? 0 : polled;
    }

    /** The highest of a few samples, so a thread that lives briefly is counted rather than missed. */
    private static int liveThreads() {
        int max = 0;
        for (int i = 0; i < 5; i++) {
            max = Math.max(max, ManagementFactory.getThreadMXBean().getThreadCount());
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return max;
    }

    /**
     * The context is shared with other tests: remove these sagas (their steps and timers go with them) so nothing
     * keeps polling afterwards. A timer firing at that moment may deadlock with the delete; then try again.
     */
    @AfterAll
    static void removeTheWaitingSagas() {
        if (cleanupJdbc == null) {
            return;
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                cleanupJdbc.update("delete from saga_instance where org_id like ?", ORG_PREFIX + "%");
                return;
            } catch (DataAccessException e) {
                log.warn("Removing benchmark sagas failed (attempt {}): {}", attempt, e.getMessage());
            }
        }
    }
}
