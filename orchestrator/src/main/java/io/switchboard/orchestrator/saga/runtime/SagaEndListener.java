package io.switchboard.orchestrator.saga.runtime;

import io.switchboard.orchestrator.saga.persistence.SagaInstance;

/** Told, inside the same transaction, when a saga stops running, so the organization's next event can start. */
@FunctionalInterface
public interface SagaEndListener {
    void sagaEnded(SagaInstance saga);
}
