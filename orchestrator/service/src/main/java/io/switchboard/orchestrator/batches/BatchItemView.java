package io.switchboard.orchestrator.batches;

import java.time.Instant;
import java.util.UUID;

/**
 * One organization's part of a batch.
 *
 * @param action     what it does (or did, or would do on a dry run): the saga it starts, or that it waits in the
 *                   organization's queue
 * @param reason     why it was skipped or failed (the saga's failed step and reason)
 * @param requestId  the queued request ({@code GET /api/v1/organizations/{orgId}/requests/{requestId}})
 */
public record BatchItemView(int position, String orgId, ItemStatus status, String action, String reason,
                            String requestId, UUID sagaId, Instant startedAt, Instant finishedAt, Instant updatedAt) {
}
