package io.switchboard.saga.definition;

/**
 * A step the orchestrator performs itself, inside the transaction that records its outcome (e.g. saving the AI
 * config). It returns the new saga data or throws {@link StepFailure} for an expected failure.
 */
@FunctionalInterface
public interface LocalAction<D> {
    D execute(D data, StepContext context) throws StepFailure;
}
