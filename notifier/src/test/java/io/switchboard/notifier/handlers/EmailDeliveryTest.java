package io.switchboard.notifier.handlers;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.notifier.delivery.Delivery;
import io.switchboard.notifier.delivery.DeliveryLedger;
import io.switchboard.notifier.delivery.DeliveryStatus;
import io.switchboard.notifier.email.EmailComposer;
import io.switchboard.notifier.email.EmailKind;
import io.switchboard.notifier.email.SmtpMailer;
import io.switchboard.notifier.support.NotifierIntegrationTest;
import io.switchboard.infra.stack.LocalSmtp;
import io.switchboard.testsupport.TestInfrastructure;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The handlers against the real SMTP server and the real ledger: what owners receive, and how often. */
@ExtendWith(OutputCaptureExtension.class)
class EmailDeliveryTest extends NotifierIntegrationTest {

    @Autowired
    SendApprovalEmailHandler approvalHandler;
    @Autowired
    SendFailureEmailHandler failureHandler;
    @Autowired
    DeliveryLedger ledger;
    @Autowired
    EmailComposer composer;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void approvalEmailArrivesAsMultipartAlternativeWithTheLineDetailsInBothParts() throws Exception {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme Dental & Co");

        Reply reply = approvalHandler.handle(command, context(command.requestId()));

        assertThat(reply).isEqualTo(new EmailSent("approval", recipient, false));
        MimeMessage received = onlyMessageTo(recipient);
        assertThat(received.getSubject()).isEqualTo("Your Switchboard phone line is ready: +14155550123");
        assertThat(received.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(received.getHeader(SmtpMailer.REQUEST_ID_HEADER)).containsExactly(command.requestId());
        assertThat(received.getContentType()).startsWith("multipart/alternative");

        Multipart alternatives = (Multipart) received.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        Part text = alternatives.getBodyPart(0);
        Part html = alternatives.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat((String) text.getContent()).contains("Acme Dental & Co", "+14155550123",
                "Acme Dental & Co inbound", "Acme Dental & Co outbound", "March 5, 2026", SUPPORT);
        assertThat((String) html.getContent()).contains("Acme Dental &amp; Co", "+14155550123",
                "Acme Dental &amp; Co inbound", "Acme Dental &amp; Co outbound", "March 5, 2026", SUPPORT);

        Delivery recorded = ledger.find(command.requestId(), EmailKind.APPROVAL).orElseThrow();
        assertThat(recorded.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(recorded.messageId()).isEqualTo(received.getMessageID());
    }

    @Test
    void failureEmailNamesTheFailedStepTheReasonAndSupport() throws Exception {
        String recipient = uniqueRecipient();
        SendFailureEmail command = new SendFailureEmail("org-" + recipient, uniqueId("saga") + ":send-failure-email",
                "Acme Dental", recipient, "acquire-number", "No numbers are available in area code 212 (Twilio 21452)");

        Reply reply = failureHandler.handle(command, context(command.requestId()));

        assertThat(reply).isEqualTo(new EmailSent("failure", recipient, false));
        MimeMessage received = onlyMessageTo(recipient);
        assertThat(received.getSubject()).isEqualTo("We could not finish setting up Switchboard for Acme Dental");
        Multipart alternatives = (Multipart) received.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            assertThat((String) alternatives.getBodyPart(i).getContent()).contains(
                    "getting a phone number for your organization",
                    "No numbers are available in area code 212 (Twilio 21452)", SUPPORT);
        }
    }

    @Test
    void aRedeliveredCommandSendsNothingMoreAndRepliesDuplicate() {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");

        Reply first = approvalHandler.handle(command, context(command.requestId()));
        Reply second = approvalHandler.handle(command, context(command.requestId()));

        assertThat(first).isEqualTo(new EmailSent("approval", recipient, false));
        assertThat(second).isEqualTo(new EmailSent("approval", recipient, true));
        assertThat(smtp().messagesTo(recipient)).hasSize(1);
    }

    @Test
    void approvalAndFailureOfTheSameRequestAreDifferentEmails() {
        String recipient = uniqueRecipient();
        String requestId = uniqueId("saga") + ":notify";

        Reply approval = approvalHandler.handle(approval(requestId, recipient, "Acme"), context(requestId));
        Reply failure = failureHandler.handle(new SendFailureEmail("org-1", requestId, "Acme", recipient,
                "register-phone-number", "VAPI rejected the number"), context(requestId));

        assertThat(approval).isEqualTo(new EmailSent("approval", recipient, false));
        assertThat(failure).isEqualTo(new EmailSent("failure", recipient, false));
        assertThat(smtp().messagesTo(recipient)).hasSize(2);
    }

    @Test
    void theSameCommandArrivingConcurrentlySendsExactlyOneEmail() throws Exception {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");
        int consumers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < consumers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return approvalHandler.handle(command, context(command.requestId()));
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }

            assertThat(replies).filteredOn(r -> r.equals(new EmailSent("approval", recipient, false))).hasSize(1);
            // The others either saw the finished send (duplicate) or the one in flight (retry later).
            assertThat(replies).filteredOn(r -> !r.equals(new EmailSent("approval", recipient, false)))
                    .allSatisfy(r -> assertThat(r).satisfiesAnyOf(
                            dup -> assertThat(dup).isEqualTo(new EmailSent("approval", recipient, true)),
                            busy -> assertThat(busy).isInstanceOfSatisfying(StepFailed.class, f -> {
                                assertThat(f.errorCode()).isEqualTo(AtMostOnceEmailDelivery.SEND_IN_PROGRESS);
                                assertThat(f.retryable()).isTrue();
                            })));
            assertThat(smtp().messagesTo(recipient)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenSmtpIsDownTheStepFailsRetryablyAndLeavesNoClaimSoTheRetrySends() throws Exception {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");
        AtMostOnceEmailDelivery withSmtpDown = new AtMostOnceEmailDelivery(ledger,
                new SmtpMailer(senderTo(stoppedSmtpServerPort()), from(), clock), clock, Duration.ofMinutes(5));

        Reply reply = new SendApprovalEmailHandler(composer, withSmtpDown).handle(command, context(command.requestId()));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.provider()).isEqualTo("smtp");
            assertThat(failed.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(failed.message()).isNotBlank();
        });
        assertThat(ledger.find(command.requestId(), EmailKind.APPROVAL)).isEmpty();
        assertThat(smtp().messagesTo(recipient)).isEmpty();

        Reply retry = approvalHandler.handle(command, context(command.requestId()));

        assertThat(retry).isEqualTo(new EmailSent("approval", recipient, false));
        assertThat(onlyMessageTo(recipient).getMessageID()).isNotBlank();
    }

    @Test
    void credentialsTheSmtpServerRefusesFailTheStepForGoodWithoutLeakingThePassword(CapturedOutput output) {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");
        GreenMail authenticatingServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "the-right-password"));
        authenticatingServer.start();
        try {
            JavaMailSenderImpl sender = senderTo(authenticatingServer.getSmtp().getPort());
            sender.setUsername("mailer");
            sender.setPassword("s3cret-wrong-password");
            sender.getJavaMailProperties().put("mail.smtp.auth", "true");
            AtMostOnceEmailDelivery withBadCredentials = new AtMostOnceEmailDelivery(ledger,
                    new SmtpMailer(sender, from(), clock), clock, Duration.ofMinutes(5));

            Reply reply = new SendApprovalEmailHandler(composer, withBadCredentials).handle(command, context(command.requestId()));

            assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
                assertThat(failed.errorCode()).isEqualTo(StepFailed.AUTHENTICATION_FAILED);
                assertThat(failed.retryable()).isFalse();
                assertThat(failed.provider()).isEqualTo("smtp");
                assertThat(failed.message()).doesNotContain("s3cret-wrong-password");
            });
            assertThat(authenticatingServer.getReceivedMessages()).isEmpty();
            assertThat(ledger.find(command.requestId(), EmailKind.APPROVAL)).isEmpty();
            assertThat(output).contains("AUTHENTICATION_FAILED").doesNotContain("s3cret-wrong-password");
        } finally {
            authenticatingServer.stop();
        }
    }

    @Test
    void smtpTimeoutsAreConfiguredSoAHungServerCannotHoldAConsumerForever(@Autowired JavaMailSender mailSender) {
        assertThat(((JavaMailSenderImpl) mailSender).getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "5000")
                .containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    @Test
    void theLedgerAndItsFlywayHistoryLiveInTheNotifiersOwnSchema() {
        List<String> tables = jdbc.sql("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                        + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")
                .query(String.class).list();

        assertThat(tables).containsExactly("notifier.email_delivery", "notifier.notifier_schema_history");
    }

    @Test
    void aClaimLeftPendingByACrashMidSendIsNotSentAgainButReportedAsDuplicateAndLogged(CapturedOutput output) {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");
        ledger.claim(Delivery.claim(command.requestId(), EmailKind.APPROVAL, command.orgId(), "saga", recipient,
                clock.instant().minus(Duration.ofHours(1))));

        Reply reply = approvalHandler.handle(command, context(command.requestId()));

        assertThat(reply).isEqualTo(new EmailSent("approval", recipient, true));
        assertThat(smtp().messagesTo(recipient)).isEmpty();
        assertThat(output).contains("never confirmed").contains(command.requestId());
    }

    @Test
    void aClaimBeingSentRightNowByAnotherConsumerAsksForARetryInsteadOfClaimingSuccess() {
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", recipient, "Acme");
        ledger.claim(Delivery.claim(command.requestId(), EmailKind.APPROVAL, command.orgId(), "saga", recipient,
                clock.instant()));

        Reply reply = approvalHandler.handle(command, context(command.requestId()));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(AtMostOnceEmailDelivery.SEND_IN_PROGRESS);
            assertThat(failed.retryable()).isTrue();
        });
        assertThat(smtp().messagesTo(recipient)).isEmpty();
        assertThat(ledger.find(command.requestId(), EmailKind.APPROVAL).orElseThrow().status())
                .isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void anInvalidRecipientFailsTheStepForGoodWithoutClaimingOrSending() {
        SendApprovalEmail command = approval(uniqueId("saga") + ":send-approval-email", "not-an-address", "Acme");

        Reply reply = approvalHandler.handle(command, context(command.requestId()));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("not-an-address");
        });
        assertThat(ledger.find(command.requestId(), EmailKind.APPROVAL)).isEmpty();
    }

    private static SendApprovalEmail approval(String requestId, String recipient, String orgName) {
        return new SendApprovalEmail("org-" + requestId, requestId, orgName, recipient, "+14155550123",
                orgName + " inbound", orgName + " outbound", "2026-03-05T14:30:00Z");
    }

    private static CommandContext context(String requestId) {
        return new CommandContext(requestId.substring(0, requestId.indexOf(':')), "send-email", 1, "cmd-" + requestId);
    }

    /** The port of a real SMTP server that has just been shut down: connections are refused. */
    private static int stoppedSmtpServerPort() {
        LocalSmtp server = TestInfrastructure.newSmtp();
        int port = server.port();
        server.close();
        return port;
    }

    private static JavaMailSenderImpl senderTo(int closedPort) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(closedPort);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return sender;
    }

    private static InternetAddress from() {
        try {
            return new InternetAddress(FROM);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException(e);
        }
    }
}
