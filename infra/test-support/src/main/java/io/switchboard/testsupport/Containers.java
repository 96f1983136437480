package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalPostgres;
import io.switchboard.infra.stack.LocalPostgresConfig;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.time.Duration;

/** The Testcontainers path. Kept in its own class so nothing touches Docker classes unless Docker was chosen. */
final class Containers {
    private Containers() {
    }

    static SharedKafka startKafka() {
        long startNanos = System.nanoTime();
        KafkaContainer kafka = new KafkaContainer(TestSettings.get(TestSettings.KAFKA_IMAGE, TestSettings.DEFAULT_KAFKA_IMAGE));
        kafka.start();
        return new SharedKafka(InfrastructureSource.TESTCONTAINERS, kafka.getBootstrapServers(),
                Duration.ofNanos(System.nanoTime() - startNanos), kafka::stop);
    }

    static SharedPostgres startPostgres() {
        long startNanos = System.nanoTime();
        PostgreSQLContainer postgres = new PostgreSQLContainer(
                TestSettings.get(TestSettings.POSTGRES_IMAGE, TestSettings.DEFAULT_POSTGRES_IMAGE));
        postgres.start();
        LocalPostgres server = LocalPostgres.start(
                LocalPostgresConfig.external(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()));
        return new SharedPostgres(InfrastructureSource.TESTCONTAINERS, server,
                Duration.ofNanos(System.nanoTime() - startNanos), postgres::stop);
    }
}
