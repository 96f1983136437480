package io.switchboard.orchestrator.api.ops;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The saga list as one JDBC query: only the summary columns, no step history, no entity loading — the list may
 * cover thousands of sagas. Served by the indexes of V1 and V3 (state, type, failed step, created_at).
 */
public class SagaSearch {
    private static final String COLUMNS =
            "id, saga_type, state, org_id, failed_step, failure_reason, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public SagaSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SagaPage find(SagaFilter filter) {
        return find(filter, null);
    }

    /**
     * With a free-text search as well (the console's search box): part of the saga id, organization id, failed step
     * or failure reason, case-insensitive.
     */
    public SagaPage find(SagaFilter filter, String text) {
        return find(filter, text, false);
    }

    /**
     * @param partialSuccess only sagas that COMPLETED although a step failed (a non-critical one, such as the
     *                       approval email): the line works, something still needs a look
     */
    public SagaPage find(SagaFilter filter, String text, boolean partialSuccess) {
        Where where = where(filter).and(text);
        if (partialSuccess) {
            // Containment on the row's own steps column: no join, no expansion of every saga's steps.
            where = where.and("state = 'COMPLETED' and steps @> '[{\"status\": \"FAILED\"}]'", List.of());
        }
        Long total = jdbc.queryForObject("select count(*) from saga_instance" + where.sql(), Long.class,
                where.args().toArray());
        List<Object> args = new ArrayList<>(where.args());
        args.add(filter.limit());
        args.add(filter.offset());
        List<SagaSummary> sagas = jdbc.query("select " + COLUMNS + " from saga_instance" + where.sql()
                + " order by created_at desc, id limit ? offset ?", (rs, i) -> summary(rs), args.toArray());
        return new SagaPage(total == null ? 0 : total, filter.limit(), filter.offset(), sagas);
    }

    /** Ids only, oldest first: bulk actions work through the backlog in the order it built up. */
    public List<UUID> ids(SagaFilter filter) {
        Where where = where(filter);
        List<Object> args = new ArrayList<>(where.args());
        args.add(filter.limit());
        return jdbc.query("select id from saga_instance" + where.sql() + " order by created_at, id limit ?",
                (rs, i) -> rs.getObject(1, UUID.class), args.toArray());
    }

    private static Where where(SagaFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        add(conditions, args, "saga_type = ?", filter.type());
        add(conditions, args, "state = ?", filter.state() == null ? null : filter.state().name());
        add(conditions, args, "org_id = ?", filter.orgId());
        if (filter.failedStep() != null) {
            // A saga parked by a failing compensation records "<step> (compensation)": --failed-step X finds both.
            conditions.add("(failed_step = ? or failed_step = ?)");
            args.add(filter.failedStep());
            args.add(filter.failedStep() + " (compensation)");
        }
        add(conditions, args, "created_at < ?",
                filter.createdBefore() == null ? null : Timestamp.from(filter.createdBefore()));
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), args);
    }

    private static void add(List<String> conditions, List<Object> args, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            args.add(value);
        }
    }

    private static SagaSummary summary(ResultSet rs) throws SQLException {
        return new SagaSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }

    private record Where(String sql, List<Object> args) {
        Where and(String text) {
            if (text == null || text.isBlank()) {
                return this;
            }
            String like = "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            List<Object> all = new ArrayList<>(args);
            for (int i = 0; i < 4; i++) {
                all.add(like);
            }
            String condition = "(cast(id as text) ilike ? or org_id ilike ? or coalesce(failed_step, '') ilike ? "
                    + "or coalesce(failure_reason, '') ilike ?)";
            return new Where(sql.isEmpty() ? " where " + condition : sql + " and " + condition, all);
        }

        Where and(String condition, List<Object> more) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(more);
            return new Where(sql.isEmpty() ? " where " + condition : sql + " and (" + condition + ")", all);
        }
    }
}
