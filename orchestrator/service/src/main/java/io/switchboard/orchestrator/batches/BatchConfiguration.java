package io.switchboard.orchestrator.batches;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdates;
import io.switchboard.orchestrator.templates.AssistantTemplates;
import io.switchboard.saga.persistence.SagaStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchProperties.class)
public class BatchConfiguration {

    /** How the intake decides an update-assistants item (the intake knows nothing of templates). */
    @Bean
    TemplateUpdatePlanner templateUpdatePlanner(AssistantTemplateUpdates updates) {
        return new TemplateUpdatePlanner(updates);
    }

    @Bean
    BatchStore batchStore(JdbcTemplate jdbc, JsonCodec codec) {
        return new BatchStore(jdbc, codec);
    }

    @Bean
    BatchPlanner batchPlanner(JdbcTemplate jdbc, SagaLauncher launcher, AiConfigRepository configs,
                              SagaStore sagas, Organizations organizations) {
        return new BatchPlanner(jdbc, launcher, configs, sagas, organizations);
    }

    @Bean
    Batches batches(BatchStore store, BatchPlanner planner, BatchProperties properties, Clock clock,
                    AssistantTemplates templates) {
        return new Batches(store, planner, properties, clock, templates);
    }

    @Bean
    BatchGauges batchGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        BatchGauges gauges = new BatchGauges(jdbc);
        gauges.bindTo(registry);
        return gauges;
    }

    @Bean
    BatchRunner batchRunner(BatchStore store, BatchPlanner planner, OrganizationEventIntake intake, JdbcTemplate jdbc,
                            TransactionTemplate transactions, BatchProperties properties, Clock clock,
                            AssistantTemplates templates) {
        return new BatchRunner(store, planner, intake, jdbc, transactions, properties, clock, templates);
    }
}
