package io.switchboard.orchestrator.reconcile;

import io.switchboard.credentials.spring.ConfiguredCredentialStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;

/** The reconciliation, when provider access is configured ({@link ReconcileProperties#enabled()}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
public class ReconcileConfiguration {

    @Bean
    @Conditional(Enabled.class)
    Reconciliation reconciliation(ReconcileProperties properties, ObjectProvider<ConfiguredCredentialStore> credentials,
                                  JdbcTemplate jdbc) {
        ConfiguredCredentialStore store = credentials.getIfAvailable();
        return new Reconciliation(new ProviderInventory(properties,
                store == null ? java.util.Optional.empty() : store.store()), jdbc);
    }

    /** Both provider accounts set; binding the properties here keeps the rule in one place. */
    static final class Enabled implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment())
                    .bind("switchboard.reconcile", ReconcileProperties.class)
                    .map(ReconcileProperties::enabled).orElse(false);
        }
    }
}
