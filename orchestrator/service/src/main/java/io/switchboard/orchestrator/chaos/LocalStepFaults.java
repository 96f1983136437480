package io.switchboard.orchestrator.chaos;

import io.switchboard.saga.definition.StepFailure;

import java.util.Set;

/**
 * Fault injection for steps the orchestrator performs itself ({@code switchboard.chaos.failing-local-steps}).
 * Remote steps are failed at the provider simulators; local steps have no provider, so ops drills, tests and the
 * chaos harness fail them here. Empty by default.
 */
public final class LocalStepFaults {
    private final Set<String> failingSteps;

    public LocalStepFaults(Set<String> failingSteps) {
        this.failingSteps = Set.copyOf(failingSteps);
    }

    public void check(String step) throws StepFailure {
        if (failingSteps.contains(step)) {
            throw new StepFailure("INJECTED_FAULT", "fault injected into " + step, false);
        }
    }
}
