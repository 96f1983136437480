package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Databases this JVM created. On a server we did not start (an external one) they would pile up run after run,
 * so they are dropped at exit unless {@code SWITCHBOARD_TEST_KEEP_DATABASES=true} (handy to inspect a failure).
 */
final class CreatedDatabases {
    private static final Logger log = LoggerFactory.getLogger(CreatedDatabases.class);
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    void add(String name) {
        names.add(name);
    }

    void dropAll(LocalPostgres server) {
        if (names.isEmpty() || Boolean.parseBoolean(TestSettings.get(TestSettings.KEEP_DATABASES, "false"))) {
            return;
        }
        int dropped = 0;
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String name : names) {
                try {
                    // FORCE (PostgreSQL 13+) ends connections a test left open; names come from uniqueDatabaseName.
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    dropped++;
                } catch (SQLException e) {
                    log.debug("Could not drop test database {}: {}", name, e.getMessage());
                }
            }
        } catch (SQLException e) {
            log.warn("Could not drop test databases on {}: {}", server.jdbcUrl(), e.getMessage());
        }
        log.info("Dropped {} of {} test database(s) on {}", dropped, names.size(), server.jdbcUrl());
    }
}
