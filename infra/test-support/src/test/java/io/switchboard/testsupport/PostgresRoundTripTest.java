package io.switchboard.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresRoundTripTest {

    @Test
    void writesAndReadsBackARow() throws Exception {
        String url = TestInfrastructure.newDatabase("roundtrip");
        try (Connection c = connect(url)) {
            c.createStatement().execute("create table saga (id uuid primary key, state text not null, payload jsonb)");
            try (PreparedStatement ps = c.prepareStatement("insert into saga values (gen_random_uuid(), ?, ?::jsonb)")) {
                ps.setString(1, "STARTED");
                ps.setString(2, "{\"orgId\":\"org-1\"}");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery("select state, payload->>'orgId' from saga")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("STARTED");
                assertThat(rs.getString(2)).isEqualTo("org-1");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void eachNewDatabaseIsIsolated() throws Exception {
        String first = TestInfrastructure.newDatabase("Isolation-Test");
        String second = TestInfrastructure.newDatabase("Isolation-Test");
        assertThat(first).isNotEqualTo(second);

        try (Connection a = connect(first); Connection b = connect(second)) {
            a.createStatement().execute("create table only_in_first (x int)");
            assertThat(currentDatabase(a)).startsWith("isolation_test_").isNotEqualTo(currentDatabase(b));
            assertThatThrownBy(() -> b.createStatement().executeQuery("select * from only_in_first"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
        }
    }

    @Test
    void databaseNamesAreSafeIdentifiers() {
        assertThat(TestInfrastructure.uniqueDatabaseName("Orchestrator IT; drop")).matches("orchestrator_it__drop_\\d+_[0-9a-f]+");
        assertThat(TestInfrastructure.uniqueDatabaseName("42")).startsWith("db_42_");
        assertThat(TestInfrastructure.uniqueDatabaseName("x".repeat(100)).length()).isLessThanOrEqualTo(63);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestInfrastructure.username(), TestInfrastructure.password());
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
