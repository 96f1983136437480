package io.switchboard.saga.runtime;

import io.switchboard.saga.persistence.SagaInstance;

/** Starts a saga of the newest registered version of {@code type}; call inside a transaction. */
@FunctionalInterface
public interface SagaStarter {
    <D> SagaInstance start(String type, String orgId, D data);
}
