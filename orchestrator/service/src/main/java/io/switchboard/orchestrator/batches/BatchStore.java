package io.switchboard.orchestrator.batches;

import io.switchboard.messaging.codec.JsonCodec;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code ops_batch} and {@code ops_batch_item} rows. Every method runs in the caller's transaction. */
public class BatchStore {
    private final JdbcTemplate jdbc;
    private final JsonCodec codec;

    public BatchStore(JdbcTemplate jdbc, JsonCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** A batch row as stored. */
    public record Batch(UUID id, BatchKind kind, BatchSelector selector, BatchOptions options, BatchStatus status,
                        int ratePerMinute, boolean dryRun, String createdBy, Instant createdAt, Instant startedAt,
                        Instant finishedAt) {
    }

    /** An item as the runner needs it. */
    public record Item(UUID batchId, int position, String orgId, ItemStatus status, String requestId) {
    }

    void insert(Batch batch, Instant now) {
        jdbc.update("insert into ops_batch (id, kind, selector, options, status, rate_per_minute, dry_run, created_by, "
                        + "created_at, started_at, updated_at) values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)",
                batch.id(), batch.kind().slug(), codec.encodeToString(batch.selector()),
                codec.encodeToString(batch.options()), batch.status().name(), batch.ratePerMinute(), batch.dryRun(),
                batch.createdBy(), ts(batch.createdAt()), ts(batch.startedAt()), ts(now));
    }

    /** A new item as planned at creation. */
    record NewItem(String orgId, ItemStatus status, String action, String reason) {
    }

    /** The batch's items in order, inserted in JDBC batches (a batch may hold thousands). */
    void insertItems(UUID batchId, List<NewItem> items, Instant now) {
        List<Object[]> rows = new java.util.ArrayList<>(items.size());
        for (int position = 0; position < items.size(); position++) {
            NewItem item = items.get(position);
            rows.add(new Object[]{batchId, position, item.orgId(), item.status().name(), item.action(), item.reason(),
                    item.status() == ItemStatus.SKIPPED ? ts(now) : null, ts(now)});
        }
        jdbc.batchUpdate("insert into ops_batch_item (batch_id, position, org_id, status, action, reason, finished_at, "
                + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    public Optional<Batch> find(UUID id) {
        return jdbc.query("select * from ops_batch where id = ?", this::batch, id).stream().findFirst();
    }

    /** The batch row locked for this transaction, or empty when another transaction (another instance) holds it. */
    Optional<Batch> lockIfFree(UUID id) {
        return jdbc.query("select * from ops_batch where id = ? for update skip locked", this::batch, id).stream()
                .findFirst();
    }

    /** The batch row locked for this transaction, waiting for a runner's tick to end if one holds it. */
    Optional<Batch> lock(UUID id) {
        return jdbc.query("select * from ops_batch where id = ? for update", this::batch, id).stream().findFirst();
    }

    List<Batch> list(BatchStatus status, int limit, int offset) {
        return status == null
                ? jdbc.query("select * from ops_batch order by created_at desc, id limit ? offset ?", this::batch,
                limit, offset)
                : jdbc.query("select * from ops_batch where status = ? order by created_at desc, id limit ? offset ?",
                this::batch, status.name(), limit, offset);
    }

    /** Batches the runner has work on: running ones, and stopped ones whose started items it still follows. */
    List<UUID> withWork() {
        return jdbc.queryForList("select b.id from ops_batch b where b.status = 'RUNNING' or (b.status in "
                + "('PAUSED', 'CANCELLED') and exists (select 1 from ops_batch_item i where i.batch_id = b.id and "
                + "i.status = 'STARTED')) order by b.created_at", UUID.class);
    }

    void status(UUID id, BatchStatus status, Instant now) {
        jdbc.update("update ops_batch set status = ?, updated_at = ?, "
                        + "started_at = case when ? = 'RUNNING' then coalesce(started_at, ?) else started_at end "
                        + "where id = ?", status.name(), ts(now), status.name(), ts(now), id);
    }

    void finished(UUID id, Instant now) {
        jdbc.update("update ops_batch set finished_at = coalesce(finished_at, ?), updated_at = ? where id = ?",
                ts(now), ts(now), id);
    }

    Map<ItemStatus, Long> counts(UUID id) {
        Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("select status, count(*) from ops_batch_item where batch_id = ? group by status",
                rs -> {
                    counts.put(ItemStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }, id);
        return counts;
    }

    List<Item> items(UUID id, ItemStatus status, int limit) {
        return jdbc.query("select batch_id, position, org_id, status, request_id from ops_batch_item "
                        + "where batch_id = ? and status = ? order by position limit ?",
                (rs, i) -> new Item(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        ItemStatus.valueOf(rs.getString(4)), rs.getString(5)), id, status.name(), limit);
    }

    long countItems(UUID id, ItemStatus status) {
        Long n = status == null
                ? jdbc.queryForObject("select count(*) from ops_batch_item where batch_id = ?", Long.class, id)
                : jdbc.queryForObject("select count(*) from ops_batch_item where batch_id = ? and status = ?",
                Long.class, id, status.name());
        return n == null ? 0 : n;
    }

    List<BatchItemView> itemViews(UUID id, ItemStatus status, int limit, int offset) {
        String where = status == null ? "" : " and status = ?";
        Object[] args = status == null ? new Object[]{id, limit, offset} : new Object[]{id, status.name(), limit, offset};
        return jdbc.query("select position, org_id, status, action, reason, request_id, saga_id, started_at, "
                        + "finished_at, updated_at from ops_batch_item where batch_id = ?" + where
                        + " order by position limit ? offset ?",
                (rs, i) -> new BatchItemView(rs.getInt(1), rs.getString(2), ItemStatus.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                        instant(rs, 8), instant(rs, 9), instant(rs, 10)), args);
    }

    /** Starts of the batch's items since then (the rate limit's window). */
    long startedSince(UUID id, Instant since) {
        Long n = jdbc.queryForObject("select count(*) from ops_batch_item where batch_id = ? and started_at > ?",
                Long.class, id, ts(since));
        return n == null ? 0 : n;
    }

    Optional<Instant> lastStart(UUID id) {
        Timestamp last = jdbc.queryForObject("select max(started_at) from ops_batch_item where batch_id = ?",
                Timestamp.class, id);
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    void markStarted(UUID id, String orgId, String action, String requestId, Instant now) {
        jdbc.update("update ops_batch_item set status = 'STARTED', action = ?, request_id = ?, started_at = ?, "
                + "updated_at = ? where batch_id = ? and org_id = ?", action, requestId, ts(now), ts(now), id, orgId);
    }

    void markSaga(UUID id, String orgId, UUID sagaId, Instant now) {
        jdbc.update("update ops_batch_item set saga_id = ?, updated_at = ? where batch_id = ? and org_id = ? "
                + "and saga_id is distinct from ?", sagaId, ts(now), id, orgId, sagaId);
    }

    void markFinished(UUID id, String orgId, ItemStatus status, String reason, UUID sagaId, Instant now) {
        jdbc.update("update ops_batch_item set status = ?, reason = ?, saga_id = coalesce(?, saga_id), finished_at = ?, "
                        + "updated_at = ? where batch_id = ? and org_id = ?", status.name(), reason, sagaId, ts(now),
                ts(now), id, orgId);
    }

    /** Cancelling: every item not started yet is skipped. */
    int skipPending(UUID id, String reason, Instant now) {
        return jdbc.update("update ops_batch_item set status = 'SKIPPED', reason = ?, finished_at = ?, updated_at = ? "
                + "where batch_id = ? and status = 'PENDING'", reason, ts(now), ts(now), id);
    }

    private Batch batch(ResultSet rs, int row) throws SQLException {
        return new Batch(rs.getObject("id", UUID.class), BatchKind.of(rs.getString("kind")).orElseThrow(),
                codec.decodeLenient(rs.getString("selector"), BatchSelector.class),
                codec.decodeLenient(rs.getString("options"), BatchOptions.class),
                BatchStatus.valueOf(rs.getString("status")), rs.getInt("rate_per_minute"), rs.getBoolean("dry_run"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
