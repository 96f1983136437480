package io.switchboard.contracts.wire;

/**
 * Kafka header names. CloudEvents binary mode ({@code ce_*}) describes every message so that anyone reading a
 * topic with the stock Kafka CLI understands it; the {@code sb_*} headers carry saga routing.
 * All header values are UTF-8 strings.
 */
public final class Headers {
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_TIME = "ce_time";
    /** The organization id the message is about. */
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SAGA_ID = "sb_saga_id";
    public static final String STEP = "sb_step";
    /** 1 for the first try of a step, incremented on every retry. */
    public static final String ATTEMPT = "sb_attempt";
    /** Where a worker sends its reply. */
    public static final String REPLY_TOPIC = "sb_reply_topic";
    /** {@code ce_id} of the command a reply answers. */
    public static final String CAUSATION_ID = "sb_causation_id";
    /**
     * On commands: when the orchestrator stops waiting for this attempt's reply (ISO-8601 instant). After that the
     * saga has moved on (retry or compensation), so a worker must not start provider calls that could outlast it.
     */
    public static final String DEADLINE = "sb_deadline";

    /**
     * HMAC of topic, key, value and the headers above, with the keyset every Switchboard service shares: commands
     * and replies without a valid one are dead-lettered unread (base64 of a Tink tag, which names its key).
     */
    public static final String MAC = "sb_mac";

    /** Dead-letter headers: why a message could not be processed and where it came from. */
    public static final String DLQ_REASON = "sb_dlq_reason";
    public static final String DLQ_EXCEPTION = "sb_dlq_exception";
    public static final String DLQ_ORIGINAL_TOPIC = "sb_dlq_original_topic";
    public static final String DLQ_ORIGINAL_PARTITION = "sb_dlq_original_partition";
    public static final String DLQ_ORIGINAL_OFFSET = "sb_dlq_original_offset";
    public static final String DLQ_FAILED_AT = "sb_dlq_failed_at";
    public static final String DLQ_CONSUMER_GROUP = "sb_dlq_consumer_group";

    public static final String CLOUDEVENTS_SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    private Headers() {
    }
}
