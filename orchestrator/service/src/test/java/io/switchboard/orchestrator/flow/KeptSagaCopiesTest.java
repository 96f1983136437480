package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.runtime.SagaCache;
import io.switchboard.saga.runtime.SagaConflicts;
import io.switchboard.saga.runtime.SagaRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime keeps the copy of a running saga it committed last, so the next reply needs no read. Where that copy
 * meets a change it did not make — another orchestrator moved the saga on meanwhile (a rebalance, a timeout's retry)
 * — the copy must decide nothing: a change made on it fails on the row's version, and a reply it would ignore (for a
 * step it has not reached) may be the one the saga now waits for.
 */
class KeptSagaCopiesTest extends OrchestratorOverKafkaContext {
    @Autowired
    SagaRuntime runtime;
    @Autowired
    SagaStore sagas;
    @Autowired
    SagaCache cache;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aReplyForAStepOnlyAnotherOrchestratorReachedIsAppliedNotDroppedByTheKeptCopy() {
        String orgId = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = transactions.execute(status -> runtime.start(OnboardingSaga.TYPE, orgId, data(orgId)).id());
        SagaInstance kept = cache.take(id);
        assertThat(kept).as("the runtime keeps what it committed").isNotNull();

        // Another orchestrator (here: this runtime without its copy) takes the saga on to register-number.
        transactions.executeWithoutResult(status -> {
            runtime.onReply(id, "acquire-number", 1,
                    new NumberAcquired("+15105550192", "PN-" + orgId, NumberAcquired.Source.PURCHASED));
            runtime.onReply(id, "create-inbound-assistant", 1, new AssistantCreated("asst-in-" + orgId, "in"));
            runtime.onReply(id, "create-outbound-assistant", 1, new AssistantCreated("asst-out-" + orgId, "out"));
        });
        assertThat(sagas.find(id).orElseThrow().step("register-number", Direction.ACTION)).isPresent();
        cache.take(id);
        transactions.executeWithoutResult(status -> cache.keepAfterCommit(kept));

        int transactionsRun = transactionsToApply(() -> runtime.onReply(id, "register-number", 1,
                    new PhoneNumberRegistered("vapi-" + orgId, "+15105550192", "asst-in-" + orgId)));

        assertThat(sagas.find(id).orElseThrow().step("register-number", Direction.ACTION).orElseThrow().status())
                .isEqualTo(StepStatus.SUCCEEDED);
        assertThat(transactionsRun).as("the kept copy, which has no register-number, was found stale and read again")
                .isEqualTo(2);
    }

    @Test
    void aChangeMadeOnAKeptCopyAnotherOrchestratorMovedOnFailsOnTheVersionAndIsMadeAgainOnTheRow() {
        String orgId = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = transactions.execute(status -> runtime.start(OnboardingSaga.TYPE, orgId, data(orgId)).id());
        assertThat(acquireNumber(id).attempt()).isEqualTo(1);

        // Another orchestrator (the row, not this runtime's copy) moves acquire-number on to its second attempt.
        SagaInstance elsewhere = sagas.find(id).orElseThrow();
        elsewhere.step("acquire-number", Direction.ACTION).orElseThrow().nextAttempt(Instant.now());
        sagas.save(elsewhere);

        int transactionsRun = transactionsToApply(() -> runtime.onReply(id, "acquire-number", 2,
                    new NumberAcquired("+15105550190", "PN-" + orgId, NumberAcquired.Source.PURCHASED)));

        assertThat(acquireNumber(id).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(acquireNumber(id).attempt()).isEqualTo(2);
        assertThat(transactionsRun).as("the kept copy, still at attempt 1, was found stale and read again").isEqualTo(2);
    }

    @Test
    void aSagaTheRuntimeWroteLastIsAppliedFromItsCopyInOneTransaction() {
        String orgId = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = transactions.execute(status -> runtime.start(OnboardingSaga.TYPE, orgId, data(orgId)).id());

        int transactionsRun = transactionsToApply(() -> runtime.onReply(id, "acquire-number", 1,
                    new NumberAcquired("+15105550191", "PN-" + orgId, NumberAcquired.Source.PURCHASED)));

        assertThat(acquireNumber(id).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(transactionsRun).isEqualTo(1);
    }

    /** Applies a reply as the reply consumer does, retrying on a conflict; returns how many transactions it took. */
    private int transactionsToApply(Runnable reply) {
        AtomicInteger run = new AtomicInteger();
        SagaConflicts.retrying(5, () -> transactions.execute(status -> {
            run.incrementAndGet();
            reply.run();
            return null;
        }));
        return run.get();
    }

    private static OnboardingData data(String orgId) {
        return OnboardingData.from(new OrganizationApproved(orgId, "Kept", "owner@" + orgId + ".test", "verified",
                "US", "510", null));
    }

    private SagaStep acquireNumber(UUID id) {
        return sagas.find(id).orElseThrow().step("acquire-number", Direction.ACTION).orElseThrow();
    }
}
