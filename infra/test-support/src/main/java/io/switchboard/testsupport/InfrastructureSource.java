package io.switchboard.testsupport;

/** Where the shared test Kafka or PostgreSQL came from. */
public enum InfrastructureSource {
    /** Given explicitly via SWITCHBOARD_TEST_KAFKA_BOOTSTRAP / SWITCHBOARD_TEST_JDBC_URL. */
    EXTERNAL,
    /** Testcontainers, because Docker answered. */
    TESTCONTAINERS,
    /** Started inside this JVM (Kafka) or as a child process (PostgreSQL) from the local-stack module. */
    EMBEDDED
}
