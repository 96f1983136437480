package io.switchboard.notifier.support;

import io.switchboard.contracts.wire.Topics;
import io.switchboard.infra.stack.LocalSmtp;
import io.switchboard.notifier.NotifierApplication;
import io.switchboard.testsupport.SwitchboardTestProperties;
import io.switchboard.testsupport.TestInfrastructure;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The notifier as deployed, against the JVM's shared real Kafka, real PostgreSQL (a database of its own) and real
 * SMTP server. Subclasses share one application context (same configuration), so one consumer group member runs.
 * Tests keep apart by unique request ids and recipients instead of resetting shared state.
 */
@SpringBootTest(classes = NotifierApplication.class, properties = NotifierApplication.CONFIG_NAME)
public abstract class NotifierIntegrationTest {
    protected static final String FROM = "Switchboard Test <no-reply@switchboard.test>";
    protected static final String SUPPORT = "help@switchboard.test";
    protected static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SwitchboardTestProperties.register(registry, "notifier");
        TestInfrastructure.createTopics(3, Topics.NOTIFIER_COMMANDS, Topics.deadLetterOf(Topics.NOTIFIER_COMMANDS),
                Topics.SAGA_REPLIES);
        SwitchboardTestProperties.registerSmtp(registry, TestInfrastructure.smtp());
        registry.add("switchboard.notifier.from", () -> FROM);
        registry.add("switchboard.notifier.support-email", () -> SUPPORT);
    }

    protected static LocalSmtp smtp() {
        return TestInfrastructure.smtp();
    }

    protected static String uniqueRecipient() {
        return "owner-" + UUID.randomUUID() + "@example.com";
    }

    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static MimeMessage onlyMessageTo(String recipient) {
        List<MimeMessage> messages = smtp().awaitMessagesTo(recipient, 1, MAIL_WAIT);
        org.assertj.core.api.Assertions.assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
