package io.switchboard.infra.stack;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The catch-all mailbox: one copy of every message, read over IMAP as the console's mailbox page reads it. */
class LocalSmtpTest {

    @Test
    void everyMessageIsCopiedOnceToTheCatchAllMailboxReadableOverImap() throws Exception {
        try (LocalSmtp smtp = LocalSmtp.start(LocalSmtpConfig.forTests())) {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("switchboard@example.org"));
            message.setRecipients(Message.RecipientType.TO, "owner@example.org, partner@example.org");
            message.setSubject("Your line is ready");
            message.setText("hello");
            Transport.send(message);

            smtp.awaitMessagesTo("partner@example.org", 1, Duration.ofSeconds(5));
            smtp.awaitMessagesTo("owner@example.org", 1, Duration.ofSeconds(5));
            assertThat(smtp.receivedMessages()).as("one per recipient, the copy not counted").hasSize(2);
            assertThat(smtp.mailboxMessages()).as("once, however many recipients").hasSize(1);

            URLName url = new URLName(smtp.mailboxImapUrl());
            assertThat(url.getPort()).isEqualTo(smtp.imapPort()).isNotEqualTo(smtp.port());
            Store store = Session.getInstance(new Properties()).getStore(url.getProtocol());
            store.connect(url.getHost(), url.getPort(), url.getUsername(), "");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Your line is ready");
                inbox.close(false);
            } finally {
                store.close();
            }
            smtp.reset();
            assertThat(smtp.mailboxMessages()).isEmpty();
        }
    }
}
