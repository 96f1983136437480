package io.switchboard.notifier.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Sends a {@link RenderedEmail} as {@code multipart/alternative}: the plain-text part first and the HTML part last,
 * because clients show the last alternative they can render (RFC 2046 §5.1.4).
 */
public final class SmtpMailer {
    /** Lets ops find the saga step of any email in a mailbox or a relay's log. */
    public static final String REQUEST_ID_HEADER = "X-Switchboard-Request-Id";

    /** Hands a built message to the SMTP server. */
    @FunctionalInterface
    public interface Transmission {
        void send(MimeMessage message) throws MailException;
    }

    private final JavaMailSender sender;
    private final Transmission transmission;
    private final InternetAddress from;
    private final Clock clock;

    /** One SMTP connection per email. */
    public SmtpMailer(JavaMailSender sender, InternetAddress from, Clock clock) {
        this(sender, sender::send, from, clock);
    }

    /** @param transmission e.g. an {@link SmtpConnectionPool}'s {@code send}, which reuses connections */
    public SmtpMailer(JavaMailSender sender, Transmission transmission, InternetAddress from, Clock clock) {
        MailStreams.useAngusProvider();
        this.sender = sender;
        this.transmission = transmission;
        this.from = from;
        this.clock = clock;
    }

    /** @return the Message-ID of the sent email */
    public String send(InternetAddress to, RenderedEmail email, String requestId) throws MailException {
        MimeMessage message = build(to, email, requestId);
        transmission.send(message);
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private MimeMessage build(InternetAddress to, RenderedEmail email, String requestId) {
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader(REQUEST_ID_HEADER, requestId);

            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            message.setContent(alternatives);
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the " + email.kind().wireName() + " email", e);
        }
    }
}
