package io.switchboard.infra.stack;

import io.switchboard.contracts.wire.Topics;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the whole stack once on free ports and checks each part answers over a real connection. */
class LocalStackTest {

    @Test
    void startsEverythingWritesEndpointsAndCleansUp(@TempDir Path stateDir) throws Exception {
        Properties endpoints;
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral(stateDir))) {
            endpoints = EndpointsFile.read(stateDir).orElseThrow();
            assertThat(endpoints.getProperty(EndpointsFile.KAFKA_BOOTSTRAP)).isEqualTo(stack.kafka().bootstrapServers());
            assertThat(endpoints.getProperty(EndpointsFile.JDBC_URL)).endsWith("/switchboard");
            assertThat(endpoints.getProperty(EndpointsFile.SMTP_PORT)).isEqualTo(String.valueOf(stack.smtp().port()));
            assertThat(Files.readAllLines(EndpointsFile.path(stateDir)))
                    .as("unescaped, so bin/ scripts can read it with sed")
                    .contains("kafka.bootstrap-servers=" + stack.kafka().bootstrapServers());

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).containsAll(Topics.all());
                var description = admin.describeTopics(Set.of(Topics.ORG_EVENTS)).allTopicNames().get().get(Topics.ORG_EVENTS);
                assertThat(description.partitions()).hasSize(3);
            }

            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.postgres().username(), stack.postgres().password());
                 ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("switchboard");
            }

            sendMail(stack.smtp(), "owner@example.org", "Your line is ready");
            MimeMessage received = stack.smtp().awaitMessagesTo("owner@example.org", 1, Duration.ofSeconds(5)).get(0);
            assertThat(received.getSubject()).isEqualTo("Your line is ready");
            assertThat(stack.smtp().messagesTo("someone-else@example.org")).isEmpty();
        }
        assertThat(Files.exists(EndpointsFile.path(stateDir))).as("endpoints file removed on close").isFalse();
        int kafkaPort = Integer.parseInt(endpoints.getProperty(EndpointsFile.KAFKA_BOOTSTRAP).split(":")[1]);
        assertThat(FreePorts.inUse("127.0.0.1", kafkaPort)).as("broker port released").isFalse();
        assertThat(FreePorts.inUse("127.0.0.1", Integer.parseInt(endpoints.getProperty(EndpointsFile.SMTP_PORT)))).isFalse();
    }

    static void sendMail(LocalSmtp smtp, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("switchboard@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }
}
