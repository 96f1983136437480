package io.switchboard.notifier.email;

import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.infra.stack.LocalSmtp;
import io.switchboard.infra.stack.LocalSmtpConfig;
import io.switchboard.testsupport.TestInfrastructure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Over a real SMTP server (GreenMail on a free port): what is reused, what is replaced, what fails. */
class SmtpConnectionPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void consecutiveEmailsShareOneConnection() throws Exception {
        try (LocalSmtp server = TestInfrastructure.newSmtp();
             SmtpConnectionPool pool = new SmtpConnectionPool(settings(server.port()), 2, Duration.ofSeconds(30),
                     Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                pool.send(message("owner" + i + "@example.com"));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(server.awaitMessagesTo("owner" + i + "@example.com", 1, WAIT)).hasSize(1);
            }
            assertThat(pool.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheEmailStillGoesOut() throws Exception {
        LocalSmtp first = TestInfrastructure.newSmtp();
        int port = first.port();
        try (SmtpConnectionPool pool = new SmtpConnectionPool(settings(port), 2, Duration.ofSeconds(30),
                Clock.systemUTC())) {
            pool.send(message("before@example.com"));
            assertThat(first.awaitMessagesTo("before@example.com", 1, WAIT)).hasSize(1);
            first.close(); // the idle connection in the pool is now dead

            try (LocalSmtp second = LocalSmtp.start(LocalSmtpConfig.forTests().withPort(port))) {
                pool.send(message("after@example.com"));
                assertThat(second.awaitMessagesTo("after@example.com", 1, WAIT)).hasSize(1);
                assertThat(pool.connectionsOpened()).isEqualTo(2);
            }
        }
    }

    @Test
    void noIdleConnectionsMeansOneConnectionPerEmail() throws Exception {
        try (LocalSmtp server = TestInfrastructure.newSmtp();
             SmtpConnectionPool pool = new SmtpConnectionPool(settings(server.port()), 0, Duration.ofSeconds(30),
                     Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                pool.send(message("each@example.com"));
            }
            assertThat(server.awaitMessagesTo("each@example.com", 3, WAIT)).hasSize(3);
            assertThat(pool.connectionsOpened()).isEqualTo(3);
        }
    }

    @Test
    void aConnectionIdleLongerThanTheTimeoutIsNotReused() throws Exception {
        try (LocalSmtp server = TestInfrastructure.newSmtp();
             SmtpConnectionPool pool = new SmtpConnectionPool(settings(server.port()), 2, Duration.ZERO,
                     Clock.systemUTC())) {
            pool.send(message("stale@example.com"));
            pool.send(message("stale@example.com"));
            assertThat(server.awaitMessagesTo("stale@example.com", 2, WAIT)).hasSize(2);
            assertThat(pool.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void aServerThatIsDownIsARetryableFailure() throws Exception {
        LocalSmtp stopped = TestInfrastructure.newSmtp();
        int port = stopped.port();
        stopped.close();
        try (SmtpConnectionPool pool = new SmtpConnectionPool(settings(port), 2, Duration.ofSeconds(30),
                Clock.systemUTC())) {
            MimeMessage message = message("nobody@example.com");
            assertThatThrownBy(() -> pool.send(message))
                    .isInstanceOfSatisfying(MailException.class, e -> {
                        StepFailed failed = SmtpFailures.toStepFailed(e);
                        assertThat(failed.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
                        assertThat(failed.retryable()).isTrue();
                    });
            assertThat(pool.connectionsOpened()).isZero();
        }
    }

    private static JavaMailSenderImpl settings(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return sender;
    }

    private static MimeMessage message(String to) throws MessagingException {
        MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        message.setFrom(new InternetAddress("no-reply@switchboard.local"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Your line is ready");
        message.setText("Hello");
        return message;
    }
}
