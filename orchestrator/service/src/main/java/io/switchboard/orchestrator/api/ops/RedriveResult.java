package io.switchboard.orchestrator.api.ops;

import java.util.List;

/** What a redrive did, record by record. */
public record RedriveResult(String topic, boolean dryRun, int redriven, int skipped, List<Outcome> results) {

    /**
     * @param outcome {@code REDRIVEN}, {@code WOULD_REDRIVE} (dry run), {@code ALREADY_REDRIVEN}, {@code NOT_FOUND},
     *                {@code ERROR}
     */
    public record Outcome(String position, String key, String toTopic, String outcome, String message) {
    }
}
