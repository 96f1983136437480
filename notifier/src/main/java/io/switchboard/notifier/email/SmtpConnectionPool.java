package io.switchboard.notifier.email;

import io.switchboard.messaging.worker.ProviderCallTime;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps SMTP connections open between emails. {@code JavaMailSender.send} opens, greets, authenticates and closes a
 * connection per email — three round trips (five with STARTTLS) before the message — which made the email step the
 * slowest of an onboarding. A connection is reused only if it was idle for less than {@code idleTimeout} (servers
 * drop idle clients after a while) and still answers a NOOP; a connection that failed during a send is closed, never
 * reused. Nothing is retried here: whether a failed email may be sent again is the delivery ledger's decision.
 * Failures are reported as the same Spring {@link MailException}s {@code JavaMailSenderImpl} throws, so
 * {@link SmtpFailures} reads them alike.
 */
public final class SmtpConnectionPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private record Idle(Transport transport, Instant since) {
    }

    private final JavaMailSenderImpl settings;
    private final int maxIdle;
    private final Duration idleTimeout;
    private final Clock clock;
    private final LinkedBlockingDeque<Idle> idle = new LinkedBlockingDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param settings    where and how to connect ({@code spring.mail.*}: host, port, protocol, credentials, session
     *                    properties such as timeouts and STARTTLS)
     * @param maxIdle     connections kept open between emails; 0 opens one connection per email
     * @param idleTimeout how long a connection may sit unused and still be reused
     */
    public SmtpConnectionPool(JavaMailSenderImpl settings, int maxIdle, Duration idleTimeout, Clock clock) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must be >= 0, was " + maxIdle);
        }
        this.settings = settings;
        this.maxIdle = maxIdle;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Counted as the command's provider time: connecting, encoding and the SMTP exchange. */
    public void send(MimeMessage message) throws MailException {
        ProviderCallTime.measure(() -> {
            sendNow(message);
            return null;
        });
    }

    private void sendNow(MimeMessage message) throws MailException {
        Transport transport = borrow();
        boolean reusable = false;
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(Date.from(clock.instant()));
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId); // saveChanges() would replace one set by the caller
            }
            transport.sendMessage(message, message.getAllRecipients());
            reusable = true;
        } catch (MessagingException e) {
            throw new MailSendException(Map.of(message, e));
        } finally {
            if (reusable) {
                giveBack(transport);
            } else {
                closeQuietly(transport);
            }
        }
    }

    /** Connections opened since start, for metrics and tests. */
    public long connectionsOpened() {
        return opened.get();
    }

    private Transport borrow() {
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            boolean fresh = Duration.between(candidate.since(), clock.instant()).compareTo(idleTimeout) < 0;
            if (fresh && candidate.transport().isConnected()) { // SMTP's isConnected() sends a NOOP
                return candidate.transport();
            }
            closeQuietly(candidate.transport());
        }
        return connect();
    }

    private Transport connect() {
        try {
            Transport transport = settings.getSession().getTransport(
                    settings.getProtocol() == null ? "smtp" : settings.getProtocol());
            transport.connect(settings.getHost(), settings.getPort(), blankToNull(settings.getUsername()),
                    blankToNull(settings.getPassword()));
            opened.incrementAndGet();
            return transport;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e);
        }
    }

    private void giveBack(Transport transport) {
        // Most recently used first: the connections that stay idle longest time out and are closed.
        if (!closed && idle.size() < maxIdle) {
            idle.offerFirst(new Idle(transport, clock.instant()));
        } else {
            closeQuietly(transport);
        }
    }

    @Override
    public void close() {
        closed = true;
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            closeQuietly(candidate.transport());
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("Closing an SMTP connection failed: {}", e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
