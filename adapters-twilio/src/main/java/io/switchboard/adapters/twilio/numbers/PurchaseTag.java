package io.switchboard.adapters.twilio.numbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The FriendlyName written on a number at purchase. It is derived from the command's requestId alone, so any
 * redelivery or retry of the same step computes the same tag and finds the number the first attempt bought.
 * Twilio allows 64 characters; an id too long to fit is replaced by its SHA-256 (still deterministic).
 */
public final class PurchaseTag {
    public static final int MAX_LENGTH = 64;

    private PurchaseTag() {
    }

    public static String of(String prefix, String requestId) {
        String readable = prefix + requestId;
        if (readable.length() <= MAX_LENGTH) {
            return readable;
        }
        String hash = sha256Hex(requestId);
        return prefix + hash.substring(0, Math.min(hash.length(), MAX_LENGTH - prefix.length()));
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
