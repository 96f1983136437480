package io.switchboard.saga.runtime;

import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SagaCacheTest {

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aSagaIsKeptOnlyOnceItsTransactionCommitsAndIsTakenOutByTheNextOne() {
        SagaCache cache = new SagaCache(10);
        SagaInstance saga = saga();

        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> {
            cache.keepAfterCommit(saga);
            assertThat(cache.take(saga.id())).as("not before the commit").isNull();
        });

        assertThat(cache.take(saga.id())).isSameAs(saga);
        assertThat(cache.take(saga.id())).as("a transaction that took it owns it").isNull();
    }

    @Test
    void aRolledBackChangeNeverReachesTheCache() {
        SagaCache cache = new SagaCache(10);
        SagaInstance saga = saga();

        inTransaction(TransactionSynchronization.STATUS_ROLLED_BACK, () -> cache.keepAfterCommit(saga));

        assertThat(cache.take(saga.id())).isNull();
    }

    @Test
    void anEndedSagaIsNotKept() {
        SagaCache cache = new SagaCache(10);
        SagaInstance saga = saga();
        saga.state(SagaState.COMPLETED, Instant.now());

        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> cache.keepAfterCommit(saga));

        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedSagaGoesFirstAndZeroKeepsNone() {
        SagaCache cache = new SagaCache(2);
        SagaInstance first = saga();
        SagaInstance second = saga();
        SagaInstance third = saga();

        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> {
            cache.keepAfterCommit(first);
            cache.keepAfterCommit(second);
            cache.keepAfterCommit(third);
        });

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.take(first.id())).isNull();
        assertThat(cache.take(third.id())).isSameAs(third);

        SagaCache off = new SagaCache(0);
        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> off.keepAfterCommit(first));
        assertThat(off.size()).isZero();
        assertThatThrownBy(() -> new SagaCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outsideATransactionNothingIsKept() {
        SagaCache cache = new SagaCache(10);
        SagaInstance saga = saga();

        cache.keepAfterCommit(saga);

        assertThat(cache.size()).isZero();
    }

    /** What a transaction manager does around {@code work}: synchronizations told how the transaction ended. */
    private static void inTransaction(int outcome, Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        work.run();
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(outcome));
    }

    private static SagaInstance saga() {
        return new SagaInstance(UUID.randomUUID(), "cache-test", 1, "org-" + UUID.randomUUID(), "{}", Instant.now());
    }
}
