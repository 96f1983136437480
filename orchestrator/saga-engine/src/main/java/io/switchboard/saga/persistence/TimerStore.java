package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Durable timers in PostgreSQL. Waiting costs a field, not a thread: a step's timer is part of the step
 * ({@link SagaStep#arm}), in the saga's row, and the row's {@code next_fire_at} (indexed, partial) is the earliest of
 * them, so a saga that waits ten minutes for a VAPI number holds nothing in memory and survives a restart. This class
 * finds the due ones.
 */
public class TimerStore {
    private final JdbcTemplate jdbc;

    public TimerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Steps whose timer is due now, of the sagas whose earliest timer is due, oldest first. Only a hint: the firing
     * transaction loads the saga and checks the step's timer again ({@link io.switchboard.saga.runtime.SagaRuntime#onTimer}),
     * and the saga's version makes two pollers that fire one timer at once conflict, so it fires once.
     */
    public List<DueTimer> due(Instant now, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("""
                        select s.id, t.step ->> 'timer_kind', t.step ->> 'step_name', t.step ->> 'direction',
                               (t.step ->> 'attempt')::int
                        from (select id, steps, next_fire_at from saga_instance
                              where next_fire_at <= ? order by next_fire_at limit ?) s
                        cross join lateral jsonb_array_elements(s.steps) as t(step)
                        where (t.step ->> 'fire_at')::timestamptz <= ?
                        order by s.next_fire_at
                        """,
                (rs, i) -> new DueTimer(rs.getObject(1, UUID.class), TimerKind.valueOf(rs.getString(2)),
                        rs.getString(3), Direction.valueOf(rs.getString(4)), rs.getInt(5)), at, limit, at);
    }

    /** Sagas with a timer armed right now. */
    public long count() {
        Long count = jdbc.queryForObject("select count(*) from saga_instance where next_fire_at is not null", Long.class);
        return count == null ? 0 : count;
    }
}
