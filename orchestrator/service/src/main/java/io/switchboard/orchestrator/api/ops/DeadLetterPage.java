package io.switchboard.orchestrator.api.ops;

import java.util.List;

/** {@code GET /api/v1/dead-letters?topic=…}: the DLQ read from the beginning (oldest first, up to {@code limit}). */
public record DeadLetterPage(String topic, String deadLetterTopic, int count, boolean truncated,
                             List<DeadLetter> records) {
}
