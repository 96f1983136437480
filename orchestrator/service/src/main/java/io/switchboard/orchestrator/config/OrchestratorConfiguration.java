package io.switchboard.orchestrator.config;

import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.config.MessagingConfiguration;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.worker.WorkerRuntime;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.saga.housekeeping.Housekeeping;
import io.switchboard.saga.inbox.Inbox;
import io.switchboard.orchestrator.intake.EventSchemaValidator;
import io.switchboard.orchestrator.intake.IgnoredEvents;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.orchestrator.intake.OrgEventConsumer;
import io.switchboard.orchestrator.intake.OrgEventQueue;
import io.switchboard.orchestrator.lines.UnfinishedTeardown;
import io.switchboard.orchestrator.pool.UnfinishedPoolRelease;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.saga.replies.ReplyConsumer;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.orchestrator.lines.CleanupSaga;
import io.switchboard.orchestrator.lines.InboundAiOffSaga;
import io.switchboard.orchestrator.lines.InboundAiOnSaga;
import io.switchboard.orchestrator.lines.LineNumberSteps;
import io.switchboard.orchestrator.lines.LineNumbers;
import io.switchboard.orchestrator.lines.LineSteps;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.intake.PendingActivations;
import io.switchboard.orchestrator.onboarding.OnboardingSteps;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdates;
import io.switchboard.orchestrator.templates.AssistantTemplates;
import io.switchboard.orchestrator.templates.TemplateUpdateSteps;
import io.switchboard.orchestrator.pool.PoolMaintenance;
import io.switchboard.orchestrator.pool.PoolSagas;
import io.switchboard.orchestrator.pool.PoolProperties;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.outbox.OutboxProperties;
import io.switchboard.saga.outbox.OutboxPublisher;
import io.switchboard.saga.outbox.OutboxRows;
import io.switchboard.saga.outbox.OutboxWriter;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.engine.SagaExecutor;
import io.switchboard.saga.persistence.ActiveSagas;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.runtime.SagaCache;
import io.switchboard.saga.runtime.SagaDefinitions;
import io.switchboard.saga.runtime.SagaObserver;
import io.switchboard.saga.runtime.SagaRuntime;
import io.switchboard.saga.timers.ReplyCatchUp;
import io.switchboard.saga.timers.TimerPoller;
import io.switchboard.saga.timers.TimerProperties;
import io.switchboard.saga.persistence.TimerStore;
import jakarta.persistence.EntityManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/** The orchestrator's parts and how they are wired; plain constructors, no component scanning of the engine. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Import(MessagingConfiguration.class)
@EnableConfigurationProperties({SagaProperties.class, OutboxProperties.class, TimerProperties.class,
        OrchestratorProperties.class, PoolProperties.class, NumberProperties.class})
public class OrchestratorConfiguration {

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    OutboxPublisher outboxPublisher(JdbcTemplate jdbc, TransactionTemplate transactions,
                                    KafkaTemplate<String, byte[]> kafka, JsonCodec codec,
                                    MessageAuthenticator authenticator, OutboxProperties properties, Clock clock) {
        return new OutboxPublisher(jdbc, transactions, kafka, codec, authenticator, properties, clock);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, JsonCodec codec, OutboxPublisher publisher, Clock clock) {
        return new OutboxWriter(jdbc, codec, publisher, clock);
    }

    @Bean
    SagaStore sagaStore(JdbcTemplate jdbc, JsonCodec codec, EntityManager entityManager) {
        // Our lines (ai_config) are JPA entities: a step's change to one is flushed before the saga's row is written,
        // so that the plain-SQL reads after it in the transaction (end listeners, the next saga's launch) see it.
        return new SagaStore(jdbc, new OutboxRows(codec), () -> {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                entityManager.flush();
            }
        });
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, Clock clock) {
        return new Inbox(jdbc, clock);
    }

    /** Purges published outbox messages and old inbox entries (switchboard.outbox.retention, .purge-interval). */
    @Bean
    Housekeeping housekeeping(OutboxPublisher outbox, Inbox inbox, OutboxProperties outboxProperties,
                              OrchestratorProperties orchestrator) {
        return new Housekeeping(outbox, inbox, orchestrator.inboxRetention(), outboxProperties.purgeInterval(),
                outboxProperties.purgeBatchSize());
    }

    @Bean
    ActiveSagas activeSagas(JdbcTemplate jdbc) {
        return new ActiveSagas(jdbc);
    }

    @Bean
    TimerStore timerStore(JdbcTemplate jdbc) {
        return new TimerStore(jdbc);
    }

    @Bean
    LocalStepFaults localStepFaults(SagaProperties properties) {
        return new LocalStepFaults(properties.failingLocalSteps());
    }

    @Bean
    NumberPool numberPool(JdbcTemplate jdbc, PoolProperties properties, Clock clock) {
        return new NumberPool(jdbc, properties, clock);
    }

    @Bean
    OnboardingSteps onboardingSteps(AiConfigRepository configs, NumberPool pool, LocalStepFaults faults, Clock clock) {
        return new OnboardingSteps(configs, pool, faults, clock);
    }

    @Bean
    LineSteps lineSteps(AiConfigRepository configs, NumberPool pool, PoolProperties poolProperties,
                        LocalStepFaults faults, Clock clock) {
        return new LineSteps(configs, pool, poolProperties, faults, clock);
    }

    @Bean
    LineNumbers lineNumbers(JdbcTemplate jdbc, NumberProperties numbers) {
        return new LineNumbers(jdbc, numbers.maxPerOrganization());
    }

    @Bean
    LineNumberSteps lineNumberSteps(LineNumbers numbers, NumberPool pool, LocalStepFaults faults, Clock clock) {
        return new LineNumberSteps(numbers, pool, faults, clock);
    }

    /** Every saga the orchestrator runs, every version still registered (see {@link SagaCatalog}). */
    @Bean
    SagaDefinitions sagaDefinitions(OnboardingSteps onboarding, LineSteps lines, LineNumberSteps lineNumbers,
                                    NumberPool pool, NumberProperties numbers, AssistantTemplates templates,
                                    TemplateUpdateSteps templateUpdates) {
        return new SagaDefinitions(SagaCatalog.all(onboarding, lines, lineNumbers, pool, numbers, templates,
                templateUpdates));
    }

    @Bean
    SagaExecutor sagaExecutor(JsonCodec codec, Clock clock, SagaProperties properties) {
        return new SagaExecutor(codec, clock, properties.policyLookup(), properties.replyGrace(),
                properties.unstartedAttemptAllowance());
    }

    @Bean
    SagaCache sagaCache(SagaProperties properties) {
        return new SagaCache(properties.cachedSagas());
    }

    @Bean
    SagaRuntime sagaRuntime(SagaDefinitions definitions, SagaExecutor executor, SagaStore sagas,
                            SagaCache cache, OutboxWriter outbox, CloudEventHeaders headers, JsonCodec codec,
                            Clock clock, List<SagaObserver> observers, OrgEventQueue queue,
                            AiConfigRepository configs, NumberPool pool) {
        // The config and the pool first: the organization's next saga, which the queue may start, reads them.
        return new SagaRuntime(definitions, executor, sagas, cache, outbox, headers, codec, clock, observers,
                List.of(new UnfinishedTeardown(configs, codec, clock), new UnfinishedPoolRelease(pool, codec), queue));
    }

    @Bean
    SagaLauncher sagaLauncher(AiConfigRepository configs, SagaStore sagas, Organizations organizations,
                              NumberProperties numbers, JsonCodec codec,
                              SagaLauncher.AssistantUpdatePlanner assistantUpdates, LineNumbers lineNumbers) {
        return new SagaLauncher(configs, sagas, organizations, numbers, codec, assistantUpdates, lineNumbers);
    }

    @Bean
    OrgEventQueue orgEventQueue(JdbcTemplate jdbc, ActiveSagas activeSagas, SagaLauncher launcher, JsonCodec codec,
                                OutboxWriter outbox, CloudEventHeaders headers, Clock clock) {
        return new OrgEventQueue(jdbc, activeSagas, launcher, codec, new IgnoredEvents(outbox, headers, codec, clock), clock);
    }

    @Bean
    Organizations organizations(JdbcTemplate jdbc, Clock clock) {
        return new Organizations(jdbc, clock);
    }

    @Bean
    OrganizationEventIntake organizationEventIntake(OrgEventQueue queue, SagaRuntime runtime, Organizations organizations) {
        return new OrganizationEventIntake(queue, runtime, organizations);
    }

    @Bean
    PendingActivations pendingActivations(AiConfigRepository configs, ActiveSagas activeSagas, OrgEventQueue queue,
                                          OrganizationEventIntake intake, TransactionTemplate transactions) {
        return new PendingActivations(configs, activeSagas, queue, intake, transactions);
    }

    @Bean
    PoolMaintenance poolMaintenance(NumberPool pool, SagaRuntime runtime, TransactionTemplate transactions,
                                    PoolProperties properties) {
        return new PoolMaintenance(pool, runtime, transactions, properties.idleReleaseBatch());
    }

    @Bean
    TimerPoller timerPoller(TimerStore timers, SagaRuntime runtime, TransactionTemplate transactions,
                            TimerProperties properties, Clock clock, KafkaAdmin kafkaAdmin,
                            OrchestratorProperties orchestrator) {
        ReplyCatchUp catchUp = new ReplyCatchUp(kafkaAdmin.getConfigurationProperties(), orchestrator.consumerGroup(),
                Topics.SAGA_REPLIES, properties.startupCatchUpMaxWait(), properties.pollInterval());
        return new TimerPoller(timers, runtime, transactions, properties, clock, catchUp);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> orgEventListener(
            WorkerRuntime kafka, OrganizationEventIntake intake, JsonCodec codec, Inbox inbox,
            TransactionTemplate transactions, OrchestratorProperties properties) {
        OrgEventConsumer consumer = new OrgEventConsumer(intake, new EventSchemaValidator(), codec, inbox,
                kafka.deadLetters(properties.consumerGroup()), transactions);
        return kafka.container(Topics.ORG_EVENTS, properties.consumerGroup(), properties.eventConcurrency(), consumer);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> replyListener(
            WorkerRuntime kafka, SagaRuntime runtime, JsonCodec codec, MessageAuthenticator authenticator,
            TransactionTemplate transactions, OrchestratorProperties properties) {
        ReplyConsumer consumer = new ReplyConsumer(runtime, codec, authenticator,
                kafka.deadLetters(properties.consumerGroup()), transactions);
        return kafka.container(Topics.SAGA_REPLIES, properties.consumerGroup(), properties.replyConcurrency(), consumer);
    }
}
