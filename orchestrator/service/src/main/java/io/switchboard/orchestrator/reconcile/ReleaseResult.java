package io.switchboard.orchestrator.reconcile;

import java.util.List;

/** {@code POST /api/v1/reconciliation/release}: per id, what happened. */
public record ReleaseResult(boolean dryRun, int released, int skipped, List<Outcome> results) {

    /** @param outcome RELEASED, WOULD_RELEASE, NOT_AN_ORPHAN (the reconciliation says otherwise now), NOT_FOUND, ERROR */
    public record Outcome(String id, Resource.Kind kind, String label, String outcome, String message) {
    }
}
