package io.switchboard.orchestrator.batches;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read from the database when scraped: {@code switchboard_batches{status=running|paused}} and
 * {@code switchboard_batch_items{status=pending|started}}, the items still to do of those batches (not per batch:
 * that would be one series per batch; the API has each batch's counts).
 */
public final class BatchGauges {
    private final JdbcTemplate jdbc;

    public BatchGauges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void bindTo(MeterRegistry registry) {
        for (BatchStatus status : new BatchStatus[]{BatchStatus.RUNNING, BatchStatus.PAUSED}) {
            Gauge.builder("switchboard.batches", this, g -> g.count("select count(*) from ops_batch where status = ?",
                            status.name()))
                    .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                    .description("ops batches by status (those not finished)").register(registry);
        }
        for (ItemStatus status : new ItemStatus[]{ItemStatus.PENDING, ItemStatus.STARTED}) {
            Gauge.builder("switchboard.batch.items", this, g -> g.count("select count(*) from ops_batch_item i "
                            + "join ops_batch b on b.id = i.batch_id where b.status in ('RUNNING', 'PAUSED') "
                            + "and i.status = ?", status.name()))
                    .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                    .description("items of running or paused ops batches, not started or in flight").register(registry);
        }
    }

    private double count(String sql, String status) {
        Long count = jdbc.queryForObject(sql, Long.class, status);
        return count == null ? 0 : count;
    }
}
