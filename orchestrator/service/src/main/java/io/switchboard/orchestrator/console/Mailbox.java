package io.switchboard.orchestrator.console;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads the local stack's captured emails over IMAP ({@link MailboxProperties}), newest first: a fresh connection
 * per page view, read-only, so the page never changes what the mailbox holds.
 */
class Mailbox {
    private final MailboxProperties properties;

    Mailbox(MailboxProperties properties) {
        this.properties = properties;
    }

    /**
     * One captured email.
     *
     * @param number    its position in the mailbox (1 = the first received)
     * @param requestId the notifier's {@code X-Switchboard-Request-Id}, null without one
     * @param headers   every header, in the order the message has them
     * @param text      the text/plain part, null without one
     * @param html      the text/html part, null without one: shown only inside a sandboxed frame
     */
    public record Email(int number, String from, String to, String subject, Instant sent, String requestId,
                        Map<String, String> headers, String text, String html) {
    }

    List<Email> newest() throws MessagingException, IOException {
        URLName url = new URLName(properties.imapUrl());
        String millis = Long.toString(properties.timeout().toMillis());
        Properties settings = new Properties();
        settings.put("mail.imap.connectiontimeout", millis);
        settings.put("mail.imap.timeout", millis);
        Store store = Session.getInstance(settings).getStore(url.getProtocol());
        store.connect(url.getHost(), url.getPort(), url.getUsername(), properties.password());
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                int count = inbox.getMessageCount();
                if (count == 0) {
                    return List.of();
                }
                Message[] messages = inbox.getMessages(Math.max(1, count - properties.limit() + 1), count);
                List<Email> emails = new ArrayList<>();
                for (Message message : messages) {
                    emails.add(read(message));
                }
                Collections.reverse(emails);
                return emails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static Email read(Message message) throws MessagingException, IOException {
        Parts parts = new Parts();
        parts.walk(message);
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + "\n" + b);
        }
        String[] requestId = message.getHeader("X-Switchboard-Request-Id");
        return new Email(message.getMessageNumber(), addresses(message.getFrom()),
                addresses(message.getRecipients(Message.RecipientType.TO)), message.getSubject(),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                requestId == null || requestId.length == 0 ? null : requestId[0], headers, parts.text, parts.html);
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString)
                .collect(Collectors.joining(", "));
    }

    /** The first text/plain and text/html parts, however deep in multipart/mixed and multipart/alternative. */
    private static final class Parts {
        String text;
        String html;

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            } else if (part.isMimeType("text/plain") && text == null) {
                text = part.getContent().toString();
            } else if (part.isMimeType("text/html") && html == null) {
                html = part.getContent().toString();
            }
        }
    }
}
