package io.switchboard.orchestrator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/** Saga metrics, backlog gauges and the Kafka health check. The database health check is Spring Boot's own. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** Observes the saga runtime, which gets every {@code SagaObserver} bean. */
    @Bean
    SagaMetrics sagaMetrics(MeterRegistry registry) {
        return new SagaMetrics(registry);
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
