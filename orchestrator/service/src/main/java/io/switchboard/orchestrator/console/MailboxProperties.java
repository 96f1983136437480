package io.switchboard.orchestrator.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.console.mailbox.*}: the console's mailbox page, for the local stack only, where GreenMail keeps
 * every email the notifier sends and serves a catch-all copy of them over IMAP. Unset (production), the page answers
 * 404 and the navigation has no link to it: real mail goes to real people, not to a page.
 *
 * @param imapUrl  the mailbox, {@code imap://<user>@<host>:<port>} (the launcher sets the local stack's one,
 *                 {@code imap://mailbox@127.0.0.1:3143}); unset: no mailbox page
 * @param password its password; the local stack's GreenMail accepts any, so empty by default; never shown or logged
 * @param limit    emails shown at most, the newest
 * @param timeout  connecting to and reading from the IMAP server
 */
@ConfigurationProperties(prefix = "switchboard.console.mailbox")
public record MailboxProperties(
        String imapUrl,
        @DefaultValue("") String password,
        @DefaultValue("100") int limit,
        @DefaultValue("5s") Duration timeout) {

    public boolean enabled() {
        return imapUrl != null && !imapUrl.isBlank();
    }

    @Override
    public String toString() {
        return "MailboxProperties[imapUrl=" + imapUrl + ", password=***, limit=" + limit + ", timeout=" + timeout + "]";
    }
}
