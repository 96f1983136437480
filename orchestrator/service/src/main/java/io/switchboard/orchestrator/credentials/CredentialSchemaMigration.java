package io.switchboard.orchestrator.credentials;

import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.credentials.spring.ConfiguredCredentialStore;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;

/**
 * Migrates the {@code credentials} schema when the orchestrator starts (it is the schema's owner; workers only
 * read), then re-encrypts rows still under an older key so that key can be removed from the keyset afterwards.
 * The migration runs even without a keyset, so workers find the table whenever a keyset is added later.
 */
public final class CredentialSchemaMigration implements InitializingBean {
    private final DataSource dataSource;
    private final ConfiguredCredentialStore credentials;
    private final boolean rotateOnStartup;

    CredentialSchemaMigration(DataSource dataSource, ConfiguredCredentialStore credentials, boolean rotateOnStartup) {
        this.dataSource = dataSource;
        this.credentials = credentials;
        this.rotateOnStartup = rotateOnStartup;
    }

    @Override
    public void afterPropertiesSet() {
        TenantCredentialStore.migrate(dataSource);
        if (rotateOnStartup) {
            credentials.store().ifPresent(TenantCredentialStore::rotate);
        }
    }
}
