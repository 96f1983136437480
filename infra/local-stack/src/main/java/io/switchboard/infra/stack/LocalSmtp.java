package io.switchboard.infra.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A real SMTP server (GreenMail) that accepts mail from anyone, for anyone, and keeps it in memory. The same server
 * answers IMAP on a port of its own, where the catch-all mailbox {@value #MAILBOX_LOGIN} holds a copy of every message
 * received (once, however many recipients it had): what the console's mailbox page reads in the local stack.
 */
public final class LocalSmtp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSmtp.class);
    private static final Duration POLL = Duration.ofMillis(50);
    /** IMAP login of the catch-all mailbox; authentication is off, so any password is accepted. */
    public static final String MAILBOX_LOGIN = "mailbox";
    private static final String MAILBOX_EMAIL = "mailbox@switchboard.local";

    private final GreenMail greenMail;
    private final String host;
    private final int port;
    private final int imapPort;
    private final GreenMailUser mailbox;

    private LocalSmtp(GreenMail greenMail, String host, int port, int imapPort, GreenMailUser mailbox) {
        this.greenMail = greenMail;
        this.host = host;
        this.port = port;
        this.imapPort = imapPort;
        this.mailbox = mailbox;
    }

    private static void nameMailStreamProvider() {
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty("jakarta.mail.util.StreamProvider") != null) {
            return;
        }
        try {
            Class.forName(provider, false, LocalSmtp.class.getClassLoader());
            System.setProperty("jakarta.mail.util.StreamProvider", provider);
        } catch (ClassNotFoundException e) {
            // GreenMail runs on another implementation: left to its scan.
        }
    }

    public static LocalSmtp start(LocalSmtpConfig config) {
        long startNanos = System.nanoTime();
        // GreenMail parses every message with Jakarta Mail: name its stream provider, or each message part runs a
        // ServiceLoader scan of the classpath (jakartaee/mail-api#861; the notifier's MailStreams does the same).
        nameMailStreamProvider();
        ServerSetup smtp = setup(config, config.port(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(config, config.imapPort(), ServerSetup.PROTOCOL_IMAP);
        // Authentication disabled: any user/password the notifier is configured with is accepted.
        GreenMail greenMail = new GreenMail(new ServerSetup[]{smtp, imap})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        GreenMailUser mailbox = catchAll(greenMail.getUserManager());
        int port = greenMail.getSmtp().getPort();
        int imapPort = greenMail.getImap().getPort();
        log.info("SMTP server (GreenMail) ready on {}:{}, IMAP mailbox on port {}, in {} ms", config.host(), port,
                imapPort, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return new LocalSmtp(greenMail, config.host(), port, imapPort, mailbox);
    }

    private static ServerSetup setup(LocalSmtpConfig config, int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, config.host(), protocol);
        setup.setServerStartupTimeout(config.startupTimeout().toMillis());
        if (port == 0) {
            return setup.dynamicPort();
        }
        if (FreePorts.inUse(config.host(), port)) {
            throw new IllegalStateException(protocol.toUpperCase(java.util.Locale.ROOT) + " port " + config.host()
                    + ":" + port + " is already in use");
        }
        return setup;
    }

    /**
     * Delivers as GreenMail does (to each recipient's own mailbox), and a copy of each message to the catch-all
     * mailbox: GreenMail calls the handler once per recipient, so a message is remembered (weakly) once copied.
     */
    private static GreenMailUser catchAll(UserManager users) {
        GreenMailUser mailbox;
        try {
            mailbox = users.createUser(MAILBOX_EMAIL, MAILBOX_LOGIN, MAILBOX_LOGIN);
        } catch (UserException e) {
            throw new IllegalStateException("Could not create the catch-all mailbox", e);
        }
        MessageDeliveryHandler delivery = users.getMessageDeliveryHandler();
        Set<Object> copied = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
        users.setMessageDeliveryHandler((message, address) -> {
            GreenMailUser recipient = delivery.handle(message, address);
            if (recipient != mailbox && copied.add(message.getMessage())) {
                mailbox.deliver(message.getMessage());
            }
            return recipient;
        });
        return mailbox;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Where the catch-all mailbox is read ({@code switchboard.console.mailbox.imap-url} of the orchestrator). */
    public String mailboxImapUrl() {
        return "imap://" + MAILBOX_LOGIN + "@" + host + ":" + imapPort;
    }

    /** Every message received so far; a message to two recipients appears once per recipient mailbox. */
    public List<MimeMessage> receivedMessages() {
        return greenMail.findReceivedMessages(user -> user != mailbox, m -> true).toList();
    }

    /** The catch-all mailbox's copies: every message received, once. */
    public List<MimeMessage> mailboxMessages() {
        return greenMail.findReceivedMessages(user -> user == mailbox, m -> true).toList();
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
