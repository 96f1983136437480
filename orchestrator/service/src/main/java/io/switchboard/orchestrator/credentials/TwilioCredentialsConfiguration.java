package io.switchboard.orchestrator.credentials;

import io.switchboard.credentials.spring.CredentialProperties;
import io.switchboard.credentials.spring.ConfiguredCredentialStore;
import io.switchboard.credentials.spring.TenantCredentialStoreConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Organizations' own Twilio accounts: the encrypted store (shared tenant-credentials module), its schema — owned
 * and migrated by the orchestrator, beside and independent of Boot's Flyway for the saga tables — and the API.
 * Picked up by component scanning, so the orchestrator's main configuration is untouched.
 */
@Configuration(proxyBeanMethods = false)
@Import(TenantCredentialStoreConfiguration.class)
public class TwilioCredentialsConfiguration {

    @Bean
    CredentialSchemaMigration credentialSchemaMigration(DataSource dataSource, ConfiguredCredentialStore credentials,
                                                        CredentialProperties properties) {
        return new CredentialSchemaMigration(dataSource, credentials, properties.rotateOnStartup());
    }

    @Bean
    CredentialUsage credentialUsage(JdbcTemplate jdbc) {
        return new CredentialUsage(jdbc);
    }
}
