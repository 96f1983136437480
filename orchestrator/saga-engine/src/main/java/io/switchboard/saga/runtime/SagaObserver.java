package io.switchboard.saga.runtime;

import io.switchboard.saga.engine.Effect;
import io.switchboard.saga.persistence.SagaInstance;

/**
 * Told about every saga event the runtime publishes (started, step completed/failed, completed, compensated,
 * failed), with the instance as it stands after the change: metrics hang off this one place instead of being
 * sprinkled through the engine. Called inside the saga's transaction; must be quick and must not throw.
 */
@FunctionalInterface
public interface SagaObserver {
    void observe(SagaInstance saga, Effect.PublishSagaEvent event);
}
