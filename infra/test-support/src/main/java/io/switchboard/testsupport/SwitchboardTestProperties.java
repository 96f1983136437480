package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalSmtp;
import io.switchboard.messaging.authentication.MessageKeyset;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the shared infrastructure:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     SwitchboardTestProperties.register(registry, "orchestrator");
 * }
 * }</pre>
 */
public final class SwitchboardTestProperties {
    private SwitchboardTestProperties() {
    }

    /**
     * Sets {@code spring.kafka.bootstrap-servers}, the message keyset and {@code spring.datasource.url/username/password} (a fresh
     * database named after {@code databasePrefix}). Returns the database's JDBC URL.
     */
    public static String register(DynamicPropertyRegistry registry, String databasePrefix) {
        TestInfrastructure.startAll();
        registerKafka(registry);
        return registerDatabase(registry, databasePrefix);
    }

    /** The broker, and the message keyset every service under test and every test client shares. */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrap);
        registry.add(MessageKeyset.SETTING, TestMessageKeys::json);
    }

    /** A fresh database for this test context; returns its JDBC URL. */
    public static String registerDatabase(DynamicPropertyRegistry registry, String databasePrefix) {
        String url = TestInfrastructure.newDatabase(databasePrefix);
        String username = TestInfrastructure.username();
        String password = TestInfrastructure.password();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> username);
        registry.add("spring.datasource.password", () -> password);
        return url;
    }

    /** Sets {@code spring.mail.host/port} to the given server (e.g. {@link TestInfrastructure#smtp()}). */
    public static void registerSmtp(DynamicPropertyRegistry registry, LocalSmtp smtp) {
        registry.add("spring.mail.host", smtp::host);
        registry.add("spring.mail.port", smtp::port);
    }
}
