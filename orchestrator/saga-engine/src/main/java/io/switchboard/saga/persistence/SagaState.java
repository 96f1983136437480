package io.switchboard.saga.persistence;

/**
 * Where a saga stands. {@code COMPLETED} and {@code COMPENSATED} are final; {@code FAILED} is parked for ops (a
 * compensation kept failing, or ops stopped it) and can be replayed.
 */
public enum SagaState {
    RUNNING, COMPENSATING, COMPLETED, COMPENSATED, FAILED;

    public boolean active() {
        return this == RUNNING || this == COMPENSATING;
    }
}
