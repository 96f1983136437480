package io.switchboard.credentials.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.credentials.CredentialKeyset;
import io.switchboard.credentials.TenantCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The tenant credential store of a service. The database is the service's own {@link DataSource} bean when it has
 * one (orchestrator; every service in the all-in-one launcher); a worker deployed alone has no JDBC
 * auto-configuration, so a small pool is opened from {@code spring.datasource.url / username / password}.
 * Without a keyset or a database the store is absent and only the platform account works.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialProperties.class)
public class TenantCredentialStoreConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TenantCredentialStoreConfiguration.class);

    @Bean
    public ConfiguredCredentialStore configuredCredentialStore(CredentialProperties properties,
                                                               ObjectProvider<DataSource> dataSources,
                                                               Environment environment) {
        if (!properties.hasKeyset()) {
            log.info("Tenant credentials disabled: switchboard.credentials.keyset is not set (platform account only)");
            return ConfiguredCredentialStore.disabled("switchboard.credentials.keyset is not configured");
        }
        CredentialKeyset keyset = CredentialKeyset.fromJson(properties.keyset());
        DataSource shared = dataSources.getIfUnique();
        if (shared != null) {
            log.info("Tenant credentials enabled with keyset {}", keyset);
            return ConfiguredCredentialStore.of(new TenantCredentialStore(shared, keyset, Clock.systemUTC()), null);
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            log.warn("Tenant credentials disabled: a keyset is configured but no database (spring.datasource.url)");
            return ConfiguredCredentialStore.disabled("no database is configured for tenant credentials");
        }
        HikariDataSource own = ownPool(url, environment);
        log.info("Tenant credentials enabled with keyset {}", keyset);
        return ConfiguredCredentialStore.of(new TenantCredentialStore(own, keyset, Clock.systemUTC()), own);
    }

    private static HikariDataSource ownPool(String url, Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tenant-credentials");
        config.setJdbcUrl(url);
        config.setUsername(environment.getProperty("spring.datasource.username"));
        config.setPassword(environment.getProperty("spring.datasource.password"));
        // One lookup per command that names a tenant credential: two connections are plenty.
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        // Start even when the database is down; lookups then fail retryably instead of the worker not starting.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
