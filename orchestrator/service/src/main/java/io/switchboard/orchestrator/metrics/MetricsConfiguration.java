package io.switchboard.orchestrator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.saga.runtime.SagaRuntime;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/** Saga metrics, backlog gauges and the Kafka health check. The database health check is Spring Boot's own. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    SagaMetrics sagaMetrics(MeterRegistry registry, SagaRuntime runtime) {
        SagaMetrics metrics = new SagaMetrics(registry);
        runtime.observe(metrics);
        return metrics;
    }

    @Bean
    BacklogGauges backlogGauges(MeterRegistry registry, JdbcTemplate jdbc) {
        BacklogGauges gauges = new BacklogGauges(jdbc);
        gauges.bindTo(registry);
        return gauges;
    }

    /** Bean name {@code kafkaHealthIndicator} → health component {@code kafka}. */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3));
    }
}
