package io.switchboard.adapters.vapi.phonenumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name given to a free VAPI number. VAPI keeps no metadata on phone numbers and the request id
 * ({@code sagaId:step}) does not fit its 40-character name, so the name ends with a short hash of the request id:
 * readable for people, and enough for the worker to find the number again after a redelivery or a timeout.
 */
public final class FreeNumberName {
    static final int MAX_NAME = 40;
    private static final String PREFIX = "sb-";
    private static final int HASH_CHARS = 12;

    private FreeNumberName() {
    }

    public static String of(String label, String requestId) {
        String tag = tag(requestId);
        int room = MAX_NAME - tag.length() - 1;
        String readable = label == null ? "" : label.strip();
        if (readable.length() > room) {
            readable = readable.substring(0, room).strip();
        }
        return readable.isEmpty() ? tag : readable + " " + tag;
    }

    public static boolean carries(String name, String requestId) {
        return name != null && name.endsWith(tag(requestId));
    }

    static String tag(String requestId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
