package io.switchboard.orchestrator.api.ops;

import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.runtime.SagaRuntime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The ops toolbox's parts; the controllers are found by component scanning like the other API controllers. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    SagaSearch sagaSearch(JdbcTemplate jdbc) {
        return new SagaSearch(jdbc);
    }

    @Bean
    SagaActions sagaActions(SagaRuntime runtime, SagaStore sagas, TransactionTemplate transactions,
                            JdbcTemplate jdbc) {
        return new SagaActions(runtime, sagas, transactions, jdbc);
    }

    @Bean
    DeadLetters deadLetters(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka,
                            JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        return new DeadLetters(new DeadLetterReader(consumers), kafka, jdbc, transactions, clock);
    }
}
