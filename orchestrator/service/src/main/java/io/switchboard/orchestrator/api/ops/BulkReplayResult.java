package io.switchboard.orchestrator.api.ops;

import java.util.List;

/** What a bulk replay did, saga by saga (oldest first). */
public record BulkReplayResult(int matched, int replayed, int rejected, boolean dryRun, List<SagaActionResult> results) {
}
