package io.switchboard.saga.definition;

/** Builds the command a worker executes for a step, from the saga data. */
@FunctionalInterface
public interface RemoteAction<D> {
    CommandRequest command(D data, StepContext context);
}
