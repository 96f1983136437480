package io.switchboard.orchestrator.console;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;
import java.util.List;

/**
 * The local stack's mailbox: every email the notifier sent, newest first, with its headers, text part and HTML part
 * (the latter in a sandboxed frame: an email's scripts never run, its forms and links cannot reach the console). Ops
 * only — the emails are every organization's — and only where {@code switchboard.console.mailbox.imap-url} is set:
 * elsewhere the page does not exist.
 */
@Controller
class MailboxPagesController {
    private static final Logger log = LoggerFactory.getLogger(MailboxPagesController.class);

    private final MailboxProperties properties;
    private final Mailbox mailbox;

    MailboxPagesController(MailboxProperties properties, Mailbox mailbox) {
        this.properties = properties;
        this.mailbox = mailbox;
    }

    @GetMapping("/console/mailbox")
    String mailbox(HttpServletRequest request, Model model) {
        if (!properties.enabled()) {
            throw ConsoleRefusal.notFound("mailbox on this orchestrator (the local stack's only)");
        }
        Viewer.of(request).requireOps("The mailbox page");
        model.addAttribute("title", "Mailbox");
        try {
            model.addAttribute("emails", mailbox.newest());
        } catch (MessagingException | IOException e) {
            // Said on the page (the local stack may have been stopped); the URL holds no password.
            log.warn("Could not read the mailbox at {}: {}", properties.imapUrl(), e.toString());
            model.addAttribute("emails", List.of());
            model.addAttribute("notice", "The mailbox at " + properties.imapUrl() + " could not be read: "
                    + e.getMessage());
        }
        return "console/mailbox";
    }
}
