package io.switchboard.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(SpringPropertiesTest.Empty.class)
class SpringPropertiesTest {
    private static String registeredUrl;

    @Configuration
    static class Empty {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registeredUrl = SwitchboardTestProperties.register(registry, "spring_props");
        SwitchboardTestProperties.registerSmtp(registry, TestInfrastructure.smtp());
    }

    @Autowired
    Environment env;

    @Test
    void springPropertiesPointAtTheSharedServersAndAFreshDatabase() throws Exception {
        assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestInfrastructure.kafkaBootstrapServers());
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo(registeredUrl).contains("/spring_props_");
        assertThat(env.getProperty("spring.mail.port", Integer.class)).isEqualTo(TestInfrastructure.smtp().port());
        try (Connection c = DriverManager.getConnection(env.getProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
             ResultSet rs = c.createStatement().executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("fresh database has no tables").isZero();
        }
    }
}
