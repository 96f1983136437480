package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalSmtp;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpTest {

    @Test
    void freshServerReceivesAuthenticatedMailForAnyUser() throws Exception {
        try (LocalSmtp smtp = TestInfrastructure.newSmtp()) {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            props.put("mail.smtp.auth", "true");
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("switchboard@example.org"));
            message.setRecipients(Message.RecipientType.TO, "a@example.org, b@example.org");
            message.setSubject("Approved");
            message.setText("Your number is +15550100");
            Transport.send(message, "any-user", "any-password");

            assertThat(smtp.awaitMessagesTo("b@example.org", 1, Duration.ofSeconds(5)))
                    .singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("Approved"));
            assertThat(smtp.receivedMessages()).hasSize(2);
            assertThatThrownBy(() -> smtp.awaitMessagesTo("c@example.org", 1, Duration.ofMillis(200)))
                    .hasMessageContaining("got 0");
            smtp.reset();
            assertThat(smtp.receivedMessages()).isEmpty();
        }
    }
}
