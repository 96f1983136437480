package io.switchboard.harness.chaos;

import io.switchboard.harness.Database;
import io.switchboard.harness.Percentiles;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What ops ask after a broker or database restart: how long did sagas stall, and how long until the backlog was
 * worked off. For each kill of the broker or the database:
 * <ul>
 *   <li><b>in flight</b>: the sagas started before the kill that had not ended by then;</li>
 *   <li><b>extra latency</b> of each: its start-to-end time minus the median of its saga type over the sagas that
 *       no broker or database outage touched (never below zero); reported as max and p99;</li>
 *   <li><b>drain</b>: from the moment the restarted process answered until the last of those sagas ended.</li>
 * </ul>
 * Service kills, provider faults and retries happen throughout and are part of every saga's latency, baseline
 * included; overlapping outages are each charged in full.
 */
final class StallReport {
    record Saga(String type, Instant started, Instant ended) {
        Duration latency() {
            return Duration.between(started, ended);
        }
    }

    record Stall(Outage outage, int inFlight, double maxExtraSeconds, double p99ExtraSeconds, double drainSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s killed %s, back after %.1f s: %d sagas in flight, extra latency "
                            + "max %.1f s / p99 %.1f s, drained %.1f s after restart", outage.target().label(),
                    outage.killedAt(), outage.downtime().toMillis() / 1000.0, inFlight, maxExtraSeconds,
                    p99ExtraSeconds, drainSeconds);
        }
    }

    private final List<Stall> stalls;

    private StallReport(List<Stall> stalls) {
        this.stalls = stalls;
    }

    static StallReport of(Database db, List<Outage> outages) {
        List<Saga> sagas = db.query("select saga_type, created_at, finished_at from saga_instance where finished_at is not null")
                .stream().map(r -> new Saga((String) r.get("saga_type"), instant(r.get("created_at")), instant(r.get("finished_at"))))
                .toList();
        return of(sagas, outages);
    }

    static StallReport of(List<Saga> sagas, List<Outage> outages) {
        List<Outage> infra = outages.stream().filter(o -> o.target().infrastructure()).toList();
        Map<String, List<Double>> untouched = new HashMap<>();
        for (Saga s : sagas) {
            if (infra.stream().noneMatch(o -> touches(s, o))) {
                untouched.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s.latency().toMillis() / 1000.0);
            }
        }
        Map<String, Double> baseline = new HashMap<>();
        untouched.forEach((type, list) -> baseline.put(type, Percentiles.of(list).at(50)));
        double overall = Percentiles.of(untouched.values().stream().flatMap(List::stream).toList()).at(50);
        List<Stall> stalls = new ArrayList<>();
        for (Outage o : infra) {
            List<Double> extra = new ArrayList<>();
            Instant lastEnd = o.backAt();
            for (Saga s : sagas) {
                if (s.started().isBefore(o.killedAt()) && s.ended().isAfter(o.killedAt())) {
                    double base = baseline.getOrDefault(s.type(), Double.isNaN(overall) ? 0 : overall);
                    extra.add(Math.max(0, s.latency().toMillis() / 1000.0 - base));
                    if (s.ended().isAfter(lastEnd)) {
                        lastEnd = s.ended();
                    }
                }
            }
            Percentiles p = Percentiles.of(extra);
            stalls.add(new Stall(o, extra.size(), extra.isEmpty() ? 0 : p.at(100), extra.isEmpty() ? 0 : p.at(99),
                    Duration.between(o.backAt(), lastEnd).toMillis() / 1000.0));
        }
        return new StallReport(stalls);
    }

    /** The saga ran while the process was down, or started before and ended after. */
    private static boolean touches(Saga s, Outage o) {
        return s.started().isBefore(o.backAt()) && s.ended().isAfter(o.killedAt());
    }

    List<Stall> stalls() {
        return stalls;
    }

    /** Per target: the worst max, the worst p99 and the longest drain over its kills. */
    String summary() {
        StringBuilder b = new StringBuilder();
        for (Target t : List.of(Target.BROKER, Target.DATABASE)) {
            List<Stall> of = stalls.stream().filter(s -> s.outage().target() == t).toList();
            if (of.isEmpty()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%s restarts=%d downtime max %.1f s, extra latency max %.1f s / "
                            + "p99 (worst restart) %.1f s, drain max %.1f s; ", t.label(), of.size(),
                    of.stream().mapToDouble(s -> s.outage().downtime().toMillis() / 1000.0).max().orElse(0),
                    of.stream().mapToDouble(Stall::maxExtraSeconds).max().orElse(0),
                    of.stream().mapToDouble(Stall::p99ExtraSeconds).max().orElse(0),
                    of.stream().mapToDouble(Stall::drainSeconds).max().orElse(0)));
        }
        return b.toString().strip();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
