package io.switchboard.adapters.vapi;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * One real PostgreSQL database for the handler tests of this JVM, migrated like the worker migrates it at startup
 * (its own schema, history table and location, as in vapi-worker.yml), plus the tenant-credential schema the
 * orchestrator owns. Tests keep apart by unique request ids, never by resetting the ledger.
 */
final class VapiTestDatabase {
    private static HikariDataSource dataSource;

    private VapiTestDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariDataSource created = new HikariDataSource();
            created.setJdbcUrl(TestInfrastructure.newDatabase("vapi_worker"));
            created.setUsername(TestInfrastructure.username());
            created.setPassword(TestInfrastructure.password());
            created.setMaximumPoolSize(20);
            Flyway.configure(VapiTestDatabase.class.getClassLoader())
                    .dataSource(created)
                    .schemas(VapiCreations.SCHEMA)
                    .defaultSchema(VapiCreations.SCHEMA)
                    .createSchemas(true)
                    .table(VapiCreations.HISTORY_TABLE)
                    .locations(VapiCreations.LOCATION)
                    .load()
                    .migrate();
            TenantCredentialStore.migrate(created);
            dataSource = created;
        }
        return dataSource;
    }
}
