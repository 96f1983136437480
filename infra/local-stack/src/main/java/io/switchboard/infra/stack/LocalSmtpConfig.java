package io.switchboard.infra.stack;

import java.time.Duration;

/**
 * @param host           bind address
 * @param port           SMTP port; 0 = any free port
 * @param imapPort       IMAP port of the same server, where the catch-all mailbox ({@link LocalSmtp#MAILBOX_LOGIN})
 *                       holds a copy of every message (the console's mailbox page reads it); 0 = any free port
 * @param startupTimeout how long to wait for the server socket
 */
public record LocalSmtpConfig(String host, int port, int imapPort, Duration startupTimeout) {
    public static final int LOCAL_STACK_PORT = 3025;
    public static final int LOCAL_STACK_IMAP_PORT = 3143;

    public LocalSmtpConfig {
        host = host == null ? "127.0.0.1" : host;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(10) : startupTimeout;
    }

    public static LocalSmtpConfig forLocalStack() {
        return new LocalSmtpConfig("127.0.0.1", LOCAL_STACK_PORT, LOCAL_STACK_IMAP_PORT, null);
    }

    public static LocalSmtpConfig forTests() {
        return new LocalSmtpConfig("127.0.0.1", 0, 0, null);
    }

    public LocalSmtpConfig withPort(int newPort) {
        return new LocalSmtpConfig(host, newPort, imapPort, startupTimeout);
    }

    public LocalSmtpConfig withImapPort(int newPort) {
        return new LocalSmtpConfig(host, port, newPort, startupTimeout);
    }
}
