package io.switchboard.saga.runtime;

import io.switchboard.saga.persistence.SagaInstance;

/**
 * Told, inside the same transaction, when a saga stops running, so the organization's next event can start. The
 * starter comes with the call, so a listener that starts sagas needs no reference to the runtime (which is built with
 * its listeners).
 */
@FunctionalInterface
public interface SagaEndListener {
    void sagaEnded(SagaInstance saga, SagaStarter starter);
}
