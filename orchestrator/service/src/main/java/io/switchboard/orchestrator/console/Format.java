package io.switchboard.orchestrator.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and durations (UTC, so ops people in several places read the same thing). */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Handed to every page as {@code fmt} (templates call instance methods only). */
    static final Format INSTANCE = new Format();

    private Format() {
    }

    public String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        Duration d = Duration.ofMillis(millis);
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    /** A setting's duration as people say it: "30 days", "1 h", "5 min". */
    public String duration(Duration duration) {
        if (duration.toDays() > 0 && duration.toDaysPart() * 86_400 == duration.toSeconds()) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        return millis(duration.toMillis());
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String time(String instant) {
        if (instant == null || instant.isBlank()) {
            return "";
        }
        try {
            return time(Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** "3 min ago" for lists. */
    public String age(Instant instant, Instant now) {
        return instant == null ? "" : millis(Math.max(0, Duration.between(instant, now).toMillis())) + " ago";
    }
}
