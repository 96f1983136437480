package io.switchboard.notifier.email;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Shows the setup date the orchestrator sends (ISO-8601 date, date-time or instant) as an owner would write it,
 * e.g. {@code March 5, 2026}. Anything else is shown as it came: a wrong-looking date is better than no email.
 */
public final class SetupDates {
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private SetupDates() {
    }

    public static String humanize(String isoDate, ZoneId zone) {
        if (isoDate == null || isoDate.isBlank()) {
            return "";
        }
        String value = isoDate.trim();
        try {
            return HUMAN.format(Instant.parse(value).atZone(zone));
        } catch (DateTimeParseException notInstant) {
            // try the next shape
        }
        try {
            return HUMAN.format(OffsetDateTime.parse(value).atZoneSameInstant(zone));
        } catch (DateTimeParseException notOffsetDateTime) {
            // try the next shape
        }
        try {
            return HUMAN.format(LocalDateTime.parse(value));
        } catch (DateTimeParseException notLocalDateTime) {
            // try the next shape
        }
        try {
            return HUMAN.format(LocalDate.parse(value));
        } catch (DateTimeParseException notADate) {
            return value;
        }
    }
}
