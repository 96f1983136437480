package io.switchboard.adapters.vapi.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as VAPI writes and reads them: ISO-8601 UTC with exactly three fraction digits. */
public final class VapiTimes {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private VapiTimes() {
    }

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
