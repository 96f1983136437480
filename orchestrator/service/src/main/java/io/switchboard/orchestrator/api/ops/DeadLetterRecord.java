package io.switchboard.orchestrator.api.ops;

import java.util.Map;

/**
 * A dead letter with everything it carries: every header (in order; a repeated header's last value) and the whole
 * body as UTF-8 text, for the console's dead-letter page (the API's one-record answer is {@link DeadLetterDetail}).
 *
 * @param timestamp when the DLQ record was written (the broker's timestamp, ISO-8601)
 */
public record DeadLetterRecord(DeadLetter letter, String timestamp, Map<String, String> headers, String body) {
}
