package io.switchboard.orchestrator.batches;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A batch and its progress ({@code GET /api/v1/batches/{id}}).
 *
 * @param counts              items by status, every status present
 * @param inFlight            items started and not finished (queued behind a saga, or their saga runs)
 * @param estimatedCompletion when the last pending item would start at the batch's rate (running batches only)
 */
public record BatchView(UUID id, String kind, BatchStatus status, boolean dryRun, int ratePerMinute, int maxInFlight,
                        BatchSelector selector, BatchOptions options, String createdBy, Instant createdAt,
                        Instant startedAt, Instant finishedAt, long total, Map<ItemStatus, Long> counts,
                        long inFlight, Instant estimatedCompletion, String itemsUrl) {

    /** Items in this status (by name: the console's templates ask so). */
    public long count(String status) {
        Long n = counts.get(ItemStatus.valueOf(status));
        return n == null ? 0 : n;
    }
}
