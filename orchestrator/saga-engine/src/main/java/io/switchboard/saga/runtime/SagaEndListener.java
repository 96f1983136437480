package io.switchboard.saga.runtime;

import io.switchboard.saga.persistence.SagaInstance;

/** Told, inside the same transaction, when a saga stops running, so the organization's next event can start. */
@FunctionalInterface
public interface SagaEndListener {
    void sagaEnded(SagaInstance saga);
}
