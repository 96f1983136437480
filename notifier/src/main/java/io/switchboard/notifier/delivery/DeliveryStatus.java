package io.switchboard.notifier.delivery;

/** Where one email stands in the ledger. There is no FAILED: a failed send removes its claim so it can be retried. */
public enum DeliveryStatus {
    /** Claimed; the SMTP server has not (yet, or ever, if the process died) confirmed it. */
    PENDING,
    /** The SMTP server accepted the email. */
    SENT
}
