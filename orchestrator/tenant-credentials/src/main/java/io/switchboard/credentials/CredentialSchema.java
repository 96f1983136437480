package io.switchboard.credentials;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The {@code credentials} schema, migrated by its own Flyway instance (own location, own history table) so it never
 * mixes with a service's Boot-managed migrations ({@code db/migration} in public, {@code db/notifier}, ...), even when
 * every service shares one classpath in the all-in-one launcher. Flyway is an optional dependency: only the schema
 * owner calls this.
 */
public final class CredentialSchema {
    public static final String SCHEMA = "credentials";
    public static final String LOCATION = "classpath:db/credentials";
    public static final String HISTORY_TABLE = "credentials_schema_history";

    private CredentialSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure(CredentialSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
