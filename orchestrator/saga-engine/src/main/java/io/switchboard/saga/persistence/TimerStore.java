package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Durable timers in PostgreSQL. Waiting costs a column, not a thread: a step's timer lives in its own row
 * ({@code saga_step.fire_at}, {@code timer_kind}, set by {@link SagaStep#arm}), so a saga that waits ten minutes for a
 * VAPI number holds nothing in memory, and survives a restart. This class finds and claims the due ones.
 */
public class TimerStore {
    private final JdbcTemplate jdbc;

    public TimerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Steps whose timer is due now, oldest first. Only a hint: the firing transaction locks the saga and checks the
     * step's timer again ({@link io.switchboard.saga.runtime.SagaRuntime#onTimer}), so two pollers never fire one twice.
     */
    public List<DueTimer> due(Instant now, int limit) {
        return jdbc.query("select id, saga_id, timer_kind, step_name, direction, attempt from saga_step "
                        + "where fire_at <= ? order by fire_at limit ?",
                (rs, i) -> new DueTimer(rs.getLong(1), rs.getObject(2, UUID.class), TimerKind.valueOf(rs.getString(3)),
                        rs.getString(4), Direction.valueOf(rs.getString(5)), rs.getInt(6)), Timestamp.from(now), limit);
    }

    /** Timers armed right now. */
    public long count() {
        Long count = jdbc.queryForObject("select count(*) from saga_step where fire_at is not null", Long.class);
        return count == null ? 0 : count;
    }
}
