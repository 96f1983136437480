package io.switchboard.messaging.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Times written exactly as {@link Instant#toString()} writes them ({@code 2026-12-03T08:42:18.753635Z}) and read back,
 * without {@link DateTimeFormatter}: every reply reads and writes each step's four times in the saga's steps column,
 * and carries a deadline header ({@code sb_deadline}); the formatter's generic parse and print were 4 % of the
 * orchestrator's CPU in the cost benchmark, and parsing the deadline 2 % after that. Anything outside the plain UTC shape (an offset, as PostgreSQL's own JSON of a timestamptz carries
 * in rows migrated by V18; years outside 0000–9999) goes the formatter's way.
 */
public final class UtcTimes {
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    /** What a fraction of n digits is multiplied by to give nanoseconds. */
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final long LAST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

    private UtcTimes() {
    }

    public static String format(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return time.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder out = new StringBuilder(30);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, ofDay / 3600, 2).append(':');
        digits(out, ofDay / 60 % 60, 2).append(':');
        digits(out, ofDay % 60, 2);
        int nanos = time.getNano();
        // As Instant.toString: the fraction in groups of three digits, as many as it needs.
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    public static Instant parse(String value) {
        Instant fast = parseUtc(value);
        if (fast != null) {
            return fast;
        }
        return value.endsWith("Z") ? Instant.parse(value)
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, or null for any other shape (left to the formatter, with its errors). */
    private static Instant parseUtc(String v) {
        int length = v.length();
        if (length < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':' || v.charAt(length - 1) != 'Z' || (length > 20 && v.charAt(19) != '.')
                || length == 21 || length > 30) {
            return null;
        }
        int year = number(v, 0, 4);
        int month = number(v, 5, 7);
        int day = number(v, 8, 10);
        int hour = number(v, 11, 13);
        int minute = number(v, 14, 16);
        int second = number(v, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = number(v, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * SCALE[length - 21];
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code [from, to)}, or -1 if any of it is not a digit. */
    private static int number(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }
}
