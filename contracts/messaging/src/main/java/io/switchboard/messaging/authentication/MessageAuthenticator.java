package io.switchboard.messaging.authentication;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.common.header.Header;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Proves that a command came from the orchestrator and a reply from a worker: each service tags what it sends with
 * an HMAC ({@code sb_mac} header) over the topic, the record key, the value and every header that routes or
 * identifies the message; receivers verify before they decode. A record written by anyone without the keyset — or
 * altered on the way (another organization's key, another step, a later deadline, another topic) — does not verify and
 * is dead-lettered unread. Replays of a genuine record are absorbed elsewhere: replies by the inbox ({@code ce_id}),
 * commands by the workers' idempotency ({@code requestId}) and the signed {@code sb_deadline}.
 * <p>
 * Headers that describe a parked message ({@code sb_dlq_*}) are not covered, so a dead letter redriven to its original
 * topic still verifies — and a forged one stays forged.
 */
public final class MessageAuthenticator {
    /** Bumped if the covered fields ever change, so old and new tags can never be confused. */
    private static final byte[] DOMAIN = "switchboard-message-v1".getBytes(StandardCharsets.UTF_8);

    /** The headers a tag covers, in this order. */
    static final List<String> COVERED_HEADERS = List.of(
            Headers.CE_ID, Headers.CE_TYPE, Headers.CE_SOURCE, Headers.CE_SPECVERSION, Headers.CE_TIME,
            Headers.CE_SUBJECT, Headers.SAGA_ID, Headers.STEP, Headers.ATTEMPT, Headers.REPLY_TOPIC,
            Headers.CAUSATION_ID, Headers.DEADLINE);

    private final MessageKeyset keyset;

    public MessageAuthenticator(MessageKeyset keyset) {
        this.keyset = keyset;
    }

    /** The value of the {@code sb_mac} header for a record about to be sent. */
    public String tag(String topic, String key, byte[] value, Map<String, String> headers) {
        return Base64.getEncoder().encodeToString(keyset.tag(canonical(topic, key, value, headers::get)));
    }

    /** The same headers plus {@code sb_mac}. */
    public Map<String, String> signed(String topic, String key, byte[] value, Map<String, String> headers) {
        Map<String, String> signed = new java.util.LinkedHashMap<>(headers);
        signed.remove(Headers.MAC);
        signed.put(Headers.MAC, tag(topic, key, value, signed));
        return signed;
    }

    /** Checks a received record; never throws for bad input. */
    public Verdict verify(String topic, String key, byte[] value, Iterable<Header> headers) {
        String presented = CloudEventHeaders.read(headers, Headers.MAC);
        if (presented == null || presented.isBlank()) {
            return new Verdict.Rejected("unauthenticated: no " + Headers.MAC + " header");
        }
        byte[] tag;
        try {
            tag = Base64.getDecoder().decode(presented.strip());
        } catch (IllegalArgumentException e) {
            return new Verdict.Rejected("unauthenticated: " + Headers.MAC + " is not base64");
        }
        byte[] data = canonical(topic, key, value, name -> CloudEventHeaders.read(headers, name));
        return keyset.verifies(tag, data)
                ? new Verdict.Authentic()
                : new Verdict.Rejected("unauthenticated: " + Headers.MAC + " does not match the message (forged, "
                + "altered, or tagged with a key this service does not hold)");
    }

    /** Whether a message may be acted on, and if not why. */
    public sealed interface Verdict permits Verdict.Authentic, Verdict.Rejected {
        record Authentic() implements Verdict {
        }

        record Rejected(String reason) implements Verdict {
        }
    }

    private interface HeaderLookup {
        String get(String name);
    }

    /** Length-prefixed fields, so no two different messages have the same bytes; absent differs from empty. */
    private static byte[] canonical(String topic, String key, byte[] value, HeaderLookup headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (value == null ? 0 : value.length));
        field(out, DOMAIN);
        field(out, utf8(topic));
        field(out, utf8(key));
        for (String name : COVERED_HEADERS) {
            field(out, utf8(headers.get(name)));
        }
        field(out, value);
        return out.toByteArray();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }
}
