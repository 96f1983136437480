package io.switchboard.notifier.delivery;

import io.switchboard.notifier.email.EmailKind;

import java.time.Instant;

/** One row of {@code notifier.email_delivery}. */
public record Delivery(
        String requestId,
        EmailKind kind,
        String orgId,
        String sagaId,
        String recipient,
        DeliveryStatus status,
        Instant claimedAt,
        Instant sentAt,
        String messageId) {

    public static Delivery claim(String requestId, EmailKind kind, String orgId, String sagaId, String recipient,
                                 Instant claimedAt) {
        return new Delivery(requestId, kind, orgId, sagaId, recipient, DeliveryStatus.PENDING, claimedAt, null, null);
    }
}
