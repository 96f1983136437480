package io.switchboard.saga.definition;

import java.util.Optional;

/**
 * Builds the command that undoes a step, or nothing when there is nothing of this saga's to undo (a reused
 * assistant, a pooled or pre-existing number): compensation hands back what it borrowed, it never deletes it.
 */
@FunctionalInterface
public interface RemoteCompensation<D> {
    Optional<CommandRequest> command(D data, StepContext context);
}
