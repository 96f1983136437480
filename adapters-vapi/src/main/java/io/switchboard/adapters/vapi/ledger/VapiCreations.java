package io.switchboard.adapters.vapi.ledger;

/**
 * The VAPI worker's creation ledger ({@link io.switchboard.messaging.ledger.CreationLedger}): where it lives and the
 * kinds of resource it records. The schema is migrated by the worker's own Flyway settings in
 * {@code vapi-worker.yml} (schema, history table and location below; not {@code db/migration}, so a launcher with
 * every service on one classpath does not run them twice).
 */
public final class VapiCreations {
    public static final String SCHEMA = "vapi_worker";
    public static final String TABLE = SCHEMA + ".creation_ledger";
    public static final String HISTORY_TABLE = "vapi_worker_schema_history";
    public static final String LOCATION = "classpath:db/vapi-worker";

    /** An assistant ({@code CreateAssistant}). */
    public static final String ASSISTANT = "vapi-assistant";
    /** A Twilio number imported into VAPI ({@code RegisterPhoneNumber}), created or adopted. */
    public static final String REGISTRATION = "vapi-registration";
    /** A free VAPI number ({@code CreateFreePhoneNumber}). */
    public static final String FREE_NUMBER = "vapi-free-number";

    private VapiCreations() {
    }
}
