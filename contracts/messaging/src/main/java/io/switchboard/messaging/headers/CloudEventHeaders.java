package io.switchboard.messaging.headers;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.time.UtcTimes;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes and reads CloudEvents binary-mode headers plus Switchboard's saga headers. Header values are plain UTF-8
 * strings so that {@code kafka-console-consumer --property print.headers=true} shows them as they are.
 */
public final class CloudEventHeaders {
    private final String source;
    private final Clock clock;

    /** @param source this service's CloudEvents source, e.g. {@code /switchboard/orchestrator} */
    public CloudEventHeaders(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public CloudEventHeaders(String source) {
        this(source, Clock.systemUTC());
    }

    /** Headers for a new message; {@code saga} may be {@code null} for messages outside a saga. */
    public Map<String, String> newMessage(String ceType, String subject, SagaRouting saga) {
        return newMessage(UUID.randomUUID().toString(), ceType, subject, saga);
    }

    public Map<String, String> newMessage(String id, String ceType, String subject, SagaRouting saga) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.CE_ID, id);
        headers.put(Headers.CE_TYPE, ceType);
        headers.put(Headers.CE_SOURCE, source);
        headers.put(Headers.CE_SPECVERSION, Headers.CLOUDEVENTS_SPEC_VERSION);
        headers.put(Headers.CE_TIME, Instant.now(clock).toString());
        headers.put(Headers.CE_SUBJECT, subject);
        headers.put(Headers.CONTENT_TYPE, Headers.JSON);
        if (saga != null) {
            headers.put(Headers.SAGA_ID, saga.sagaId());
            headers.put(Headers.STEP, saga.step());
            headers.put(Headers.ATTEMPT, Integer.toString(saga.attempt()));
            if (saga.replyTopic() != null) {
                headers.put(Headers.REPLY_TOPIC, saga.replyTopic());
            }
            if (saga.causationId() != null) {
                headers.put(Headers.CAUSATION_ID, saga.causationId());
            }
            if (saga.deadline() != null) {
                headers.put(Headers.DEADLINE, saga.deadline().toString());
            }
        }
        return headers;
    }

    public static RecordHeaders toKafka(Map<String, String> headers) {
        RecordHeaders kafka = new RecordHeaders();
        headers.forEach((name, value) -> kafka.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return kafka;
    }

    public static String read(Iterable<Header> headers, String name) {
        String value = null;
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    public static MessageMetadata metadataOf(Iterable<Header> headers) {
        String attempt = read(headers, Headers.ATTEMPT);
        return new MessageMetadata(
                read(headers, Headers.CE_ID),
                read(headers, Headers.CE_TYPE),
                read(headers, Headers.CE_SOURCE),
                read(headers, Headers.CE_SPECVERSION),
                read(headers, Headers.CE_SUBJECT),
                read(headers, Headers.CE_TIME),
                read(headers, Headers.SAGA_ID),
                read(headers, Headers.STEP),
                parseAttempt(attempt),
                read(headers, Headers.REPLY_TOPIC),
                read(headers, Headers.CAUSATION_ID),
                parseInstant(read(headers, Headers.DEADLINE)));
    }

    /** An unreadable time counts as none: a command with an unreadable deadline is executed rather than lost. */
    static Instant parseInstant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UtcTimes.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static int parseAttempt(String attempt) {
        if (attempt == null) {
            return 0;
        }
        try {
            return Integer.parseInt(attempt.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
