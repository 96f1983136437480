package io.switchboard.messaging.logging;

import org.slf4j.MDC;

/**
 * Puts saga id, org id and step into the logging context for the duration of a try-with-resources block, so every
 * log line written while handling a message carries them (structured logging picks MDC keys up as fields).
 */
public final class LogContext implements AutoCloseable {
    public static final String SAGA_ID = "saga_id";
    public static final String ORG_ID = "org_id";
    public static final String STEP = "step";

    private LogContext() {
    }

    public static LogContext of(String sagaId, String orgId, String step) {
        putIfPresent(SAGA_ID, sagaId);
        putIfPresent(ORG_ID, orgId);
        putIfPresent(STEP, step);
        return new LogContext();
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove(SAGA_ID);
        MDC.remove(ORG_ID);
        MDC.remove(STEP);
    }
}
