package io.switchboard.orchestrator.batches;

import java.util.List;

/** {@code GET /api/v1/batches}: newest first. */
public record BatchPage(int limit, int offset, List<BatchView> batches) {
}
