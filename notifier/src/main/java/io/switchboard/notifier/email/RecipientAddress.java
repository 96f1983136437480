package io.switchboard.notifier.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/** Checks an owner's email address before anything is claimed or sent: exactly one, syntactically valid, address. */
public final class RecipientAddress {
    private RecipientAddress() {
    }

    public static Optional<InternetAddress> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        try {
            InternetAddress address = new InternetAddress(raw.trim(), true);
            address.validate();
            if (address.isGroup() || !address.getAddress().contains("@")) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
