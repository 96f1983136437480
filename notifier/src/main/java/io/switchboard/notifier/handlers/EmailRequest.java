package io.switchboard.notifier.handlers;

import io.switchboard.notifier.email.EmailKind;

/** What the delivery protocol needs to know about one email command, whatever its kind. */
public record EmailRequest(EmailKind kind, String orgId, String requestId, String sagaId, String recipient) {
}
