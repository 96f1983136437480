package io.switchboard.infra.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) that accepts mail from anyone, for anyone, and keeps it in memory. */
public final class LocalSmtp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSmtp.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final GreenMail greenMail;
    private final String host;
    private final int port;

    private LocalSmtp(GreenMail greenMail, String host, int port) {
        this.greenMail = greenMail;
        this.host = host;
        this.port = port;
    }

    public static LocalSmtp start(LocalSmtpConfig config) {
        long startNanos = System.nanoTime();
        ServerSetup setup = new ServerSetup(config.port(), config.host(), ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(config.startupTimeout().toMillis());
        if (config.port() == 0) {
            setup = setup.dynamicPort();
        } else if (FreePorts.inUse(config.host(), config.port())) {
            throw new IllegalStateException("SMTP port " + config.host() + ":" + config.port() + " is already in use");
        }
        // Authentication disabled: any user/password the notifier is configured with is accepted.
        GreenMail greenMail = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        log.info("SMTP server (GreenMail) ready on {}:{} in {} ms", config.host(), port,
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return new LocalSmtp(greenMail, config.host(), port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Every message received so far; a message to two recipients appears once per recipient mailbox. */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Messages delivered to this recipient's mailbox (To, Cc or Bcc). */
    public List<MimeMessage> messagesTo(String recipient) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(recipient), m -> true).toList();
    }

    /**
     * Waits until at least {@code count} messages reached the recipient and returns them.
     *
     * @throws IllegalStateException on timeout, saying how many arrived
     */
    public List<MimeMessage> awaitMessagesTo(String recipient, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> messages = messagesTo(recipient);
            if (messages.size() >= count) {
                return messages;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Expected " + count + " message(s) to " + recipient + " within "
                        + timeout + ", got " + messages.size());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for mail", e);
            }
        }
    }

    /** Forgets every received message (tests sharing one server call this between cases). */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("Could not purge mailboxes", e);
        }
    }

    @Override
    public void close() {
        if (greenMail.isRunning()) {
            greenMail.stop();
            log.info("SMTP server on {}:{} stopped", host, port);
        }
    }
}
