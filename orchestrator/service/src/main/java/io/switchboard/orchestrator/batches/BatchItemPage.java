package io.switchboard.orchestrator.batches;

import java.util.List;
import java.util.UUID;

/** @param total items of the batch with the asked status (all items without one) */
public record BatchItemPage(UUID batchId, ItemStatus status, long total, int limit, int offset,
                            List<BatchItemView> items) {
}
