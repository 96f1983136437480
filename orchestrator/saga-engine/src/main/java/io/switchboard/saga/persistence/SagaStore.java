package io.switchboard.saga.persistence;

import io.switchboard.saga.outbox.OutboxRows;
import io.switchboard.saga.outbox.OutgoingMessage;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The saga rows, by plain JDBC. Applying a reply is one select and one statement: the saga's row is updated
 * optimistically ({@code where id = ? and version = ?}) and, in the same statement (a data-modifying {@code with}),
 * the outbox rows of the messages that change sends are inserted — only if the update matched. Two transactions that
 * change one saga at once (a reply and a timer) are told apart by the version: the loser gets an
 * {@link OptimisticLockingFailureException} and is retried ({@link io.switchboard.saga.runtime.SagaConflicts}).
 * A saga nothing changed is not written.
 */
public class SagaStore {
    private static final String COLUMNS = "id, saga_type, definition_version, org_id, state, data, failed_step, "
            + "failure_reason, created_at, updated_at, finished_at, version, steps, next_fire_at";
    private static final String SELECT = "select " + COLUMNS + " from saga_instance ";
    private static final String INSERT = "insert into saga_instance (" + COLUMNS + ") "
            + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, 0, ?::jsonb, ?) returning 1";
    private static final String UPDATE = "update saga_instance set state = ?, data = ?::jsonb, failed_step = ?, "
            + "failure_reason = ?, updated_at = ?, finished_at = ?, version = version + 1, steps = ?::jsonb, "
            + "next_fire_at = ? where id = ? and version = ? returning 1";

    /** Every stored value of a saga but its version: what it was read as, to tell whether anything changed since. */
    record Row(UUID id, String sagaType, int definitionVersion, String orgId, SagaState state, String dataJson,
               String failedStep, String failureReason, Instant createdAt, Instant updatedAt, Instant finishedAt,
               List<StoredStep> steps, Instant nextFireAt) {
    }

    private final JdbcTemplate jdbc;
    private final OutboxRows outboxRows;
    private final Runnable beforeWrite;
    private final StepsColumn stepsColumn = new StepsColumn();
    private final RowMapper<SagaInstance> mapper = this::map;

    /**
     * @param beforeWrite run before a saga is written: a product that keeps state of its own in an ORM flushes it
     *                    here, so that what a step changed is in the database before the saga moves on (the next
     *                    statements of the transaction, say the organization's next saga, read it by plain SQL)
     */
    public SagaStore(JdbcTemplate jdbc, OutboxRows outboxRows, Runnable beforeWrite) {
        this.jdbc = jdbc;
        this.outboxRows = outboxRows;
        this.beforeWrite = beforeWrite;
    }

    public Optional<SagaInstance> find(UUID id) {
        return jdbc.query(SELECT + "where id = ?", mapper, id).stream().findFirst();
    }

    /** With the row locked until the transaction ends: for a check-then-act that must not race a reply (ops actions). */
    public Optional<SagaInstance> lock(UUID id) {
        return jdbc.query(SELECT + "where id = ? for update", mapper, id).stream().findFirst();
    }

    /** The organization's sagas, newest first. */
    public List<SagaInstance> ofOrg(String orgId) {
        return jdbc.query(SELECT + "where org_id = ? order by created_at desc", mapper, orgId);
    }

    public List<SagaInstance> ofOrgIn(String orgId, Collection<SagaState> states) {
        String[] names = states.stream().map(SagaState::name).toArray(String[]::new);
        return jdbc.query(SELECT + "where org_id = ? and state = any (?) order by created_at", statement -> {
            statement.setString(1, orgId);
            statement.setArray(2, statement.getConnection().createArrayOf("text", names));
        }, mapper);
    }

    public void save(SagaInstance saga) {
        save(saga, List.of());
    }

    /**
     * Whether the saga's row is still at the version this copy was read or written at: for a decision to change
     * nothing, made on a copy kept from an earlier transaction, which no update would check.
     *
     * @throws OptimisticLockingFailureException the row moved on (or is gone)
     */
    public void confirmCurrent(SagaInstance saga) {
        List<Long> version = jdbc.queryForList("select version from saga_instance where id = ?", Long.class, saga.id());
        if (version.isEmpty() || !version.get(0).equals(saga.version())) {
            throw new OptimisticLockingFailureException("saga " + saga.id() + " moved on since version "
                    + saga.version() + (version.isEmpty() ? " (its row is gone)" : " (now " + version.get(0) + ")"));
        }
    }

    /**
     * Inserts a new saga, or updates a stored one if nobody changed it since it was read, with the outbox rows of
     * {@code messages}, in one statement.
     *
     * @return whether anything was written (not if nothing changed and nothing is sent)
     * @throws OptimisticLockingFailureException the saga's row moved on since it was read (nothing is written)
     */
    public boolean save(SagaInstance saga, List<OutgoingMessage> messages) {
        Row row = saga.row();
        Long version = saga.version();
        if (version != null && messages.isEmpty() && row.equals(saga.storedRow())) {
            return false;
        }
        beforeWrite.run();
        String stepsJson = stepsColumn.storedToJson(row.steps());
        String sql = "with saved as (" + (version == null ? INSERT : UPDATE) + ")"
                + (messages.isEmpty() ? "" : ", sent as (insert into outbox_message (" + OutboxRows.COLUMNS + ") "
                + "select m.* from (" + OutboxRows.values(messages.size()) + ") as m cross join saved)")
                + " select count(*) from saved";
        long written = jdbc.query(sql, statement -> {
            int next = version == null ? bindInsert(statement, row, stepsJson)
                    : bindUpdate(statement, row, stepsJson, version);
            outboxRows.bind(statement, next, messages);
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        if (written != 1) {
            throw new OptimisticLockingFailureException("saga " + saga.id() + " was changed by another transaction "
                    + "since it was read at version " + version);
        }
        saga.stored(row, version == null ? 0 : version + 1);
        return true;
    }

    private static int bindInsert(PreparedStatement statement, Row row, String stepsJson) throws SQLException {
        statement.setObject(1, row.id());
        statement.setString(2, row.sagaType());
        statement.setInt(3, row.definitionVersion());
        statement.setString(4, row.orgId());
        statement.setString(5, row.state().name());
        statement.setString(6, row.dataJson());
        statement.setString(7, row.failedStep());
        statement.setString(8, row.failureReason());
        statement.setTimestamp(9, timestamp(row.createdAt()));
        statement.setTimestamp(10, timestamp(row.updatedAt()));
        statement.setTimestamp(11, timestamp(row.finishedAt()));
        statement.setString(12, stepsJson);
        statement.setTimestamp(13, timestamp(row.nextFireAt()));
        return 14;
    }

    private static int bindUpdate(PreparedStatement statement, Row row, String stepsJson, long version)
            throws SQLException {
        statement.setString(1, row.state().name());
        statement.setString(2, row.dataJson());
        statement.setString(3, row.failedStep());
        statement.setString(4, row.failureReason());
        statement.setTimestamp(5, timestamp(row.updatedAt()));
        statement.setTimestamp(6, timestamp(row.finishedAt()));
        statement.setString(7, stepsJson);
        statement.setTimestamp(8, timestamp(row.nextFireAt()));
        statement.setObject(9, row.id());
        statement.setLong(10, version);
        return 11;
    }

    private SagaInstance map(ResultSet rs, int rowNumber) throws SQLException {
        List<SagaStep> steps = stepsColumn.fromJson(rs.getString("steps"));
        Row row = new Row(rs.getObject("id", UUID.class), rs.getString("saga_type"), rs.getInt("definition_version"),
                rs.getString("org_id"), SagaState.valueOf(rs.getString("state")), rs.getString("data"),
                rs.getString("failed_step"), rs.getString("failure_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "finished_at"), stored(steps), instant(rs, "next_fire_at"));
        return new SagaInstance(row, steps, rs.getLong("version"));
    }

    /** A copy by value: the saga's steps change in place. */
    static List<StoredStep> stored(List<SagaStep> steps) {
        List<StoredStep> stored = new ArrayList<>(steps.size());
        for (SagaStep step : steps) {
            stored.add(step.stored());
        }
        return stored;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
