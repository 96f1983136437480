package io.switchboard.orchestrator.reconcile;

import java.util.List;

/**
 * Body of {@code POST /api/v1/reconciliation/release}: the orphans to release, by id, or all of them.
 *
 * @param ids        provider ids (Twilio number SIDs, VAPI ids) as the report lists them
 * @param allOrphans release every orphan the reconciliation finds now
 * @param dryRun     say what would be released, release nothing
 */
public record ReleaseRequest(List<String> ids, Boolean allOrphans, Boolean dryRun) {
}
