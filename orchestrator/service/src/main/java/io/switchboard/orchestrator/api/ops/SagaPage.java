package io.switchboard.orchestrator.api.ops;

import java.util.List;

/** {@code GET /api/v1/sagas}: newest first; {@code total} counts every match, not just this page. */
public record SagaPage(long total, int limit, int offset, List<SagaSummary> sagas) {
}
