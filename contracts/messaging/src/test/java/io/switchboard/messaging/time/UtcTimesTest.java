package io.switchboard.messaging.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcTimesTest {

    @Test
    void writesWhatInstantToStringWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(15);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos);

            String written = UtcTimes.format(time);

            assertThat(written).isEqualTo(time.toString());
            assertThat(UtcTimes.parse(written)).isEqualTo(time);
        }
    }

    @Test
    void readsEveryFractionLengthAndTheOffsetsOfRowsPostgresWrote() {
        assertThat(UtcTimes.parse("2026-12-03T08:42:18.7Z")).isEqualTo(Instant.parse("2026-12-03T08:42:18.700Z"));
        assertThat(UtcTimes.parse("2026-12-03T08:42:18.75363Z")).isEqualTo(Instant.parse("2026-12-03T08:42:18.753630Z"));
        assertThat(UtcTimes.parse("2026-12-03T09:42:18.753635+01:00"))
                .isEqualTo(Instant.parse("2026-12-03T08:42:18.753635Z"));
        assertThat(UtcTimes.parse("+10000-01-01T00:00:00Z")).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(UtcTimes.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void whatIsNotAPlainTimeIsReadOrRefusedAsTheFormatterDoes() {
        for (String odd : new String[]{"2026-02-30T00:00:00Z", "2026-12-03T24:00:00Z", "2026-12-03T08:42:18.Z",
                "2026-1x-03T08:42:18Z", "2026-12-03T08:42:18.1234567890Z", "2026-12-03 08:42:18Z"}) {
            Object formatter;
            try {
                formatter = Instant.parse(odd);
            } catch (DateTimeParseException e) {
                formatter = DateTimeParseException.class;
            }
            if (formatter instanceof Instant expected) {
                assertThat(UtcTimes.parse(odd)).as(odd).isEqualTo(expected);
            } else {
                assertThatThrownBy(() -> UtcTimes.parse(odd)).as(odd).isInstanceOf(DateTimeParseException.class);
            }
        }
    }
}
