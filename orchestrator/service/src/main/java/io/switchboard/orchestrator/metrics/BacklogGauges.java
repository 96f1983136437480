package io.switchboard.orchestrator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read from the database when scraped, each one indexed query:
 * <ul>
 *   <li>{@code switchboard_outbox_lag_seconds}: age of the oldest unpublished outbox message (0 when none) — grows
 *       when Kafka is unreachable or the publisher is stuck;</li>
 *   <li>{@code switchboard_outbox_pending}: unpublished outbox messages;</li>
 *   <li>{@code switchboard_timers_due}: durable timers whose time has come but which have not fired — grows when the
 *       timer poller falls behind;</li>
 *   <li>{@code switchboard_sagas_parked}: sagas in FAILED, waiting for ops.</li>
 * </ul>
 */
public final class BacklogGauges {
    private final JdbcTemplate jdbc;

    public BacklogGauges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder("switchboard.outbox.lag", this, BacklogGauges::outboxLagSeconds).baseUnit("seconds")
                .description("age of the oldest unpublished outbox message").register(registry);
        Gauge.builder("switchboard.outbox.pending", this, g -> g.count(
                        "select count(*) from outbox_message where published_at is null"))
                .description("outbox messages not yet published").register(registry);
        Gauge.builder("switchboard.timers.due", this, g -> g.count(
                        "select count(*) from saga_instance where next_fire_at <= now()"))
                .description("sagas with a durable timer due but not yet fired").register(registry);
        Gauge.builder("switchboard.sagas.parked", this, g -> g.count(
                        "select count(*) from saga_instance where state = 'FAILED'"))
                .description("sagas parked as FAILED for ops").register(registry);
    }

    double outboxLagSeconds() {
        Double lag = jdbc.queryForObject("select coalesce(extract(epoch from (now() - min(created_at))), 0) "
                + "from outbox_message where published_at is null", Double.class);
        return lag == null ? 0 : Math.max(0, lag);
    }

    private double count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
