package io.switchboard.notifier.email;

import java.util.Locale;

/** The emails the notifier sends; at most one of each kind per saga step ({@code requestId}). */
public enum EmailKind {
    APPROVAL, FAILURE;

    /** The value of {@code EmailSent.kind} and of the ledger's {@code kind} column. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
