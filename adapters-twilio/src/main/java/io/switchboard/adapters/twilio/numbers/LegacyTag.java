package io.switchboard.adapters.twilio.numbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The FriendlyName numbers were bought with before owner tags: {@code <prefix><requestId>} (the prefix is
 * {@code switchboard.twilio.numbers.legacy-tag-prefix}, {@code sb:}), the SHA-256 of a requestId too long to fit.
 * It says Switchboard bought the number for one request, not for whom. Still computed so that a purchase an older
 * worker made for a request is adopted, not bought again; see {@link OwnerTag} for how such numbers are treated.
 */
public final class LegacyTag {
    public static final int MAX_LENGTH = 64;

    private LegacyTag() {
    }

    public static String of(String prefix, String requestId) {
        String readable = prefix + requestId;
        if (readable.length() <= MAX_LENGTH) {
            return readable;
        }
        String hash = sha256Hex(requestId);
        return prefix + hash.substring(0, Math.min(hash.length(), MAX_LENGTH - prefix.length()));
    }

    static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
