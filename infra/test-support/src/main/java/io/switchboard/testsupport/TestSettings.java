package io.switchboard.testsupport;

import io.switchboard.infra.stack.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * Every test-support knob. Each one can be given as a system property in either spelling
 * ({@code -Dswitchboard.test.kafka.bootstrap=...} or {@code -DSWITCHBOARD_TEST_KAFKA_BOOTSTRAP=...})
 * or as the environment variable {@code SWITCHBOARD_TEST_KAFKA_BOOTSTRAP}.
 */
final class TestSettings {
    static final String KAFKA_BOOTSTRAP = "switchboard.test.kafka.bootstrap";
    static final String JDBC_URL = "switchboard.test.jdbc.url";
    static final String JDBC_USERNAME = "switchboard.test.jdbc.username";
    static final String JDBC_PASSWORD = "switchboard.test.jdbc.password";
    /** {@code auto} (default), {@code containers} or {@code embedded}: skips the Docker probe when set. */
    static final String MODE = "switchboard.test.infra";
    static final String KAFKA_IMAGE = "switchboard.test.kafka.image";
    static final String POSTGRES_IMAGE = "switchboard.test.postgres.image";
    static final String DOCKER_PROBE_TIMEOUT = "switchboard.test.docker.probe-timeout-seconds";
    static final String ADMIN_TIMEOUT = "switchboard.test.kafka.admin-timeout-seconds";
    /** How long the stop hook lets Spring's cached contexts close before the broker and database go away. */
    static final String SPRING_SHUTDOWN_WAIT = "switchboard.test.shutdown.spring-wait-seconds";
    /** On an external server, test databases are dropped at JVM exit unless this is true. */
    static final String KEEP_DATABASES = "switchboard.test.keep-databases";

    /** Same major line as the kafka.version the project builds against. */
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.2.0";
    /** Same major as the embedded zonky binaries, so both paths run one PostgreSQL version. */
    static final String DEFAULT_POSTGRES_IMAGE = "postgres:14-alpine";

    private TestSettings() {
    }

    static Optional<String> get(String property) {
        String upper = Settings.envName(property);
        String value = System.getProperty(upper);
        return value != null && !value.isBlank() ? Optional.of(value.trim()) : Settings.get(property);
    }

    static String get(String property, String defaultValue) {
        return get(property).orElse(defaultValue);
    }

    static Duration dockerProbeTimeout() {
        return seconds(DOCKER_PROBE_TIMEOUT, 20);
    }

    static Duration adminTimeout() {
        return seconds(ADMIN_TIMEOUT, 30);
    }

    static Duration springShutdownWait() {
        return seconds(SPRING_SHUTDOWN_WAIT, 10);
    }

    private static Duration seconds(String property, long defaultSeconds) {
        return Duration.ofSeconds(get(property).map(Long::parseLong).orElse(defaultSeconds));
    }
}
