package io.switchboard.credentials.spring;

import io.switchboard.credentials.TenantCredentialStore;

import java.io.Closeable;
import java.util.Optional;

/**
 * The credential store if this service has both a keyset and a database, or nothing. A bean of its own (rather than
 * an optional store bean) so that services can run without tenant credentials and still say why.
 */
public final class ConfiguredCredentialStore implements AutoCloseable {
    private final TenantCredentialStore store;
    private final String whyNot;
    private final Closeable ownedDataSource;

    private ConfiguredCredentialStore(TenantCredentialStore store, String whyNot, Closeable ownedDataSource) {
        this.store = store;
        this.whyNot = whyNot;
        this.ownedDataSource = ownedDataSource;
    }

    static ConfiguredCredentialStore of(TenantCredentialStore store, Closeable ownedDataSource) {
        return new ConfiguredCredentialStore(store, null, ownedDataSource);
    }

    static ConfiguredCredentialStore disabled(String why) {
        return new ConfiguredCredentialStore(null, why, null);
    }

    public Optional<TenantCredentialStore> store() {
        return Optional.ofNullable(store);
    }

    /** Why there is no store (for an API answer or a log line), or null. */
    public String whyNot() {
        return whyNot;
    }

    @Override
    public void close() throws Exception {
        if (ownedDataSource != null) {
            ownedDataSource.close();
        }
    }
}
