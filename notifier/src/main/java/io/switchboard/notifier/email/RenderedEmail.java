package io.switchboard.notifier.email;

/** One email ready to send: the same content as plain text and as HTML, shown as alternatives by mail clients. */
public record RenderedEmail(EmailKind kind, String subject, String text, String html) {
}
