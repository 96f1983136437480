package io.switchboard.orchestrator.console;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.switchboard.orchestrator.api.security.Caller;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.ui.ExtendedModelMap;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailbox page's reader against a real IMAP server (GreenMail), and the page where no mailbox is configured. */
class MailboxTest {
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[]{ServerSetup.SMTP.dynamicPort(), ServerSetup.IMAP.dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void theEmailsAreReadNewestFirstWithTheirHeadersAndBothParts() throws Exception {
        deliver("First", "first text", "<p>first <b>html</b></p>", "req-1");
        deliver("Second", "second text", "<p>second</p><script>alert(1)</script>", "req-2");

        List<Mailbox.Email> emails = new Mailbox(properties(10)).newest();
        assertThat(emails).extracting(Mailbox.Email::subject).containsExactly("Second", "First");
        Mailbox.Email second = emails.get(0);
        assertThat(second.to()).isEqualTo("owner@example.org");
        assertThat(second.from()).isEqualTo("switchboard@example.org");
        assertThat(second.requestId()).isEqualTo("req-2");
        assertThat(second.text()).isEqualTo("second text");
        assertThat(second.html()).contains("<script>");
        assertThat(second.headers()).containsEntry("Subject", "Second").containsKey("X-Switchboard-Request-Id");
        assertThat(second.sent()).isNotNull();

        assertThat(new Mailbox(properties(1)).newest()).extracting(Mailbox.Email::subject).containsExactly("Second");
    }

    @Test
    void withoutAMailboxThePageDoesNotExistAndItIsForOpsOnly() {
        MailboxProperties none = new MailboxProperties(null, "", 100, Duration.ofSeconds(5));
        MailboxPagesController unset = new MailboxPagesController(none, new Mailbox(none));
        assertThatThrownBy(() -> unset.mailbox(as(new Caller.Ops()), new ExtendedModelMap()))
                .isInstanceOfSatisfying(ConsoleRefusal.class, r -> assertThat(r.status()).isEqualTo(404));

        MailboxProperties set = properties(10);
        MailboxPagesController local = new MailboxPagesController(set, new Mailbox(set));
        assertThatThrownBy(() -> local.mailbox(as(new Caller.Organization("acme")), new ExtendedModelMap()))
                .isInstanceOfSatisfying(ConsoleRefusal.class, r -> assertThat(r.status()).isEqualTo(403));
        ExtendedModelMap model = new ExtendedModelMap();
        assertThat(local.mailbox(as(new Caller.Ops()), model)).isEqualTo("console/mailbox");
        assertThat((List<?>) model.getAttribute("emails")).isEmpty();
        assertThat(model.getAttribute("notice")).isNull();
    }

    private MailboxProperties properties(int limit) {
        return new MailboxProperties("imap://reader@127.0.0.1:" + greenMail.getImap().getPort(), "", limit,
                Duration.ofSeconds(5));
    }

    private void deliver(String subject, String text, String html, String requestId) throws Exception {
        // The reader logs in as "reader": deliver to that user's inbox, as the local stack's catch-all copy is.
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("switchboard@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("owner@example.org"));
        message.setSubject(subject);
        message.setHeader("X-Switchboard-Request-Id", requestId);
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        var user = greenMail.getUserManager().getUser("reader");
        (user != null ? user : greenMail.setUser("reader@example.org", "reader", "")).deliver(message);
    }

    private static MockHttpServletRequest as(Caller caller) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/mailbox");
        request.setAttribute(ConsoleFilter.CALLER, caller);
        return request;
    }
}
