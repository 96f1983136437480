package io.switchboard.orchestrator.api.ops;

import java.util.List;

/**
 * {@code GET /api/v1/dead-letters/{position}?topic=…}: one parked record whole — the summary the list shows, every
 * header in the order it was written, and the full value.
 *
 * @param record       what {@code GET /dead-letters} shows for it (reason in full there too)
 * @param headers      every Kafka header, {@code sb_dlq_*} included; a value that is not UTF-8 is given as base64
 * @param body         the record's value: UTF-8 text, or base64 when it is not valid UTF-8 ({@code bodyEncoding})
 * @param bodyEncoding {@code utf-8}, {@code base64}, or null for a record without a value
 * @param bodyBytes    the value's size in bytes
 */
public record DeadLetterDetail(DeadLetter record, List<Header> headers, String body, String bodyEncoding,
                               int bodyBytes) {

    /** @param encoding {@code utf-8} or {@code base64} */
    public record Header(String name, String value, String encoding) {
    }
}
