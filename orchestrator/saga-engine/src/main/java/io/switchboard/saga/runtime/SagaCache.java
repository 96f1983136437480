package io.switchboard.saga.runtime;

import io.switchboard.saga.persistence.SagaInstance;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The running sagas this process wrote last, as they were committed, so that the next reply or timer of one is applied
 * without reading its row again. Safe because every write is optimistic: a copy that another orchestrator or an ops
 * action moved on since fails its update on the version, and the transaction runs again on a fresh read
 * ({@link SagaConflicts}). A transaction takes a copy out while it works on it and puts it back only once it commits,
 * so a rolled-back change never reaches the cache, and no two threads share a copy. Bounded: the least recently used
 * copy goes first; a capacity of 0 turns the cache off.
 */
public class SagaCache {
    private final int capacity;
    private final Map<UUID, SagaInstance> sagas;

    public SagaCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a saga cache holds 0 or more sagas, not " + capacity);
        }
        this.capacity = capacity;
        this.sagas = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, SagaInstance> eldest) {
                return size() > SagaCache.this.capacity;
            }
        };
    }

    /** The saga's copy as last committed here, taken out of the cache; null if there is none. */
    public synchronized SagaInstance take(UUID id) {
        return sagas.remove(id);
    }

    /** Keeps the saga once the current transaction commits, if it is still running then; outside one, not at all. */
    public void keepAfterCommit(SagaInstance saga) {
        if (capacity == 0 || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED && saga.state().active()) {
                    put(saga);
                }
            }
        });
    }

    public synchronized int size() {
        return sagas.size();
    }

    private synchronized void put(SagaInstance saga) {
        sagas.put(saga.id(), saga);
    }
}
