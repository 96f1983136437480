package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.TimerKind;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable timers in PostgreSQL. Waiting costs a row, not a thread: a saga that waits ten minutes for a VAPI number
 * holds nothing in memory, and survives a restart.
 */
public class TimerStore {
    private final JdbcTemplate jdbc;

    public TimerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void schedule(UUID sagaId, TimerKind kind, String step, Direction direction, int attempt, Instant fireAt) {
        jdbc.update("insert into saga_timer (saga_id, kind, step_name, direction, attempt, fire_at) values (?, ?, ?, ?, ?, ?)",
                sagaId, kind.name(), step, direction.name(), attempt, Timestamp.from(fireAt));
    }

    public void cancel(UUID sagaId, String step, Direction direction) {
        jdbc.update("delete from saga_timer where saga_id = ? and step_name = ? and direction = ?",
                sagaId, step, direction.name());
    }

    public void cancelAll(UUID sagaId) {
        jdbc.update("delete from saga_timer where saga_id = ?", sagaId);
    }

    /** Ids of timers due now, oldest first; claim each with {@link #claim(long)} in the transaction that fires it. */
    public List<Long> dueIds(Instant now, int limit) {
        return jdbc.queryForList("select id from saga_timer where fire_at <= ? order by fire_at limit ?",
                Long.class, Timestamp.from(now), limit);
    }

    /** Deletes the timer and returns it, or empty when another instance (or a cancel) got there first. */
    public Optional<DueTimer> claim(long id) {
        return jdbc.query("delete from saga_timer where id = ? returning id, saga_id, kind, step_name, direction, attempt",
                (rs, i) -> new DueTimer(rs.getLong(1), rs.getObject(2, UUID.class), TimerKind.valueOf(rs.getString(3)),
                        rs.getString(4), Direction.valueOf(rs.getString(5)), rs.getInt(6)), id).stream().findFirst();
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from saga_timer", Long.class);
        return count == null ? 0 : count;
    }
}
