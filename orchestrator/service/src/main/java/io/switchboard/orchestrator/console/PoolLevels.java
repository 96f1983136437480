package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.PoolController;
import io.switchboard.orchestrator.pool.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The number pool's levels over time: what {@code GET /api/v1/number-pool/stats} says, recorded once per
 * {@code switchboard.console.pool-sample-interval} (at start, then on that rhythm) into {@code pool_level_sample}, kept
 * for {@code pool-sample-retention}. Several orchestrators sample the same interval; the first row wins.
 */
public class PoolLevels {
    private static final Logger log = LoggerFactory.getLogger(PoolLevels.class);

    public record Sample(Instant at, int available, int releasing, int vapiFreeUsedPercent, int lines) {
    }

    private final PoolController pool;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    private final Duration retention;
    private final boolean enabled;

    PoolLevels(PoolController pool, JdbcTemplate jdbc, Clock clock, ConsoleProperties properties) {
        this.pool = pool;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = properties.poolSampleInterval();
        this.retention = properties.poolSampleRetention();
        this.enabled = properties.enabled();
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${switchboard.console.pool-sample-interval:5m}")
    public void sample() {
        if (!enabled) {
            return;
        }
        try {
            PoolStats stats = pool.stats();
            long now = clock.millis();
            Instant bucket = Instant.ofEpochMilli(now - now % Math.max(1, interval.toMillis()));
            Integer lines = jdbc.queryForObject("select count(*) from ai_config", Integer.class);
            jdbc.update("insert into pool_level_sample (sampled_at, available, releasing, vapi_free_used_percent, "
                            + "lines) values (?, ?, ?, ?, ?) on conflict do nothing", Timestamp.from(bucket),
                    (int) stats.available(), (int) stats.releasing(),
                    (int) Math.round(stats.vapiFreeNumberLimitUsedPercent()), lines == null ? 0 : lines);
            jdbc.update("delete from pool_level_sample where sampled_at < ?",
                    Timestamp.from(clock.instant().minus(retention)));
        } catch (RuntimeException e) {
            log.warn("Could not record the pool's levels: {}", e.toString());
        }
    }

    /** Oldest first, since {@code since}. */
    public List<Sample> since(Instant since) {
        return jdbc.query("select sampled_at, available, releasing, vapi_free_used_percent, lines "
                        + "from pool_level_sample where sampled_at >= ? order by sampled_at",
                (rs, i) -> new Sample(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5)),
                Timestamp.from(since));
    }
}
