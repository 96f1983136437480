package io.switchboard.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC against the system's database: the harness reads saga state the way an ops person would, without the
 * orchestrator's JPA model, so a bug there cannot hide a violation here.
 */
public record Database(String jdbcUrl, String username, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Rows as column-name maps; fine for the few thousand rows a harness check reads. */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql, Object... params) {
        Object value = query(sql, params).get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    public List<String> strings(String sql, Object... params) {
        return query(sql, params).stream().map(r -> r.values().iterator().next())
                .filter(java.util.Objects::nonNull).map(Object::toString).toList();
    }

    public int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** True when the table exists (e.g. notifier.email_delivery once the notifier has migrated). */
    public boolean tableExists(String qualifiedName) {
        return !query("select to_regclass(?) as t", qualifiedName).isEmpty()
                && query("select to_regclass(?) as t", qualifiedName).get(0).get("t") != null;
    }
}
