package io.switchboard.orchestrator.api.ops;

import java.util.List;

/**
 * Body of {@code POST /api/v1/dead-letters/redrive}.
 *
 * @param topic   the consumed topic ({@code switchboard.org-events.v1}) or its DLQ ({@code ….dlq})
 * @param offsets DLQ positions {@code <partition>:<offset>} (a bare offset means partition 0); or
 * @param all     every record of the DLQ not redriven before
 * @param dryRun  report what would be redriven, send nothing
 */
public record RedriveRequest(String topic, List<String> offsets, Boolean all, Boolean dryRun) {
}
