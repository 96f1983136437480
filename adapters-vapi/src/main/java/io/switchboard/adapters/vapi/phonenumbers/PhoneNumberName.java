package io.switchboard.adapters.vapi.phonenumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name Switchboard gives every VAPI phone number it creates (imported Twilio numbers and free VAPI numbers).
 * VAPI keeps no metadata on phone numbers and limits names to 40 characters, too short for an organization id and
 * a request id, so the name is a readable label followed by a tag of short hashes of both:
 * {@code "Acme line sb-<org:10 hex>-<request:8 hex>"}. The owner part tells whose number it is when the ledger has
 * no row for it; the request part finds a free number again after an in-doubt create.
 */
public final class PhoneNumberName {
    static final int MAX_NAME = 40;
    private static final String PREFIX = "sb-";
    private static final int ORG_HEX = 10;
    private static final int REQUEST_HEX = 8;
    private static final int TAG_LENGTH = PREFIX.length() + ORG_HEX + 1 + REQUEST_HEX;
    private static final Pattern TAG = Pattern.compile("(?:^|\\s)sb-([0-9a-f]{" + ORG_HEX + "})-([0-9a-f]{" + REQUEST_HEX + "})$");

    private PhoneNumberName() {
    }

    public static String of(String label, String orgId, String requestId) {
        String tag = PREFIX + hash(orgId, ORG_HEX) + "-" + hash(requestId, REQUEST_HEX);
        int room = MAX_NAME - TAG_LENGTH - 1;
        String readable = label == null ? "" : label.strip();
        if (readable.length() > room) {
            readable = readable.substring(0, room).strip();
        }
        return readable.isEmpty() ? tag : readable + " " + tag;
    }

    /** Whether the name carries an owner tag at all (numbers created by Switchboard since tags were introduced). */
    public static boolean hasOwnerTag(String name) {
        return name != null && TAG.matcher(name).find();
    }

    /** Whether the name's owner tag is this organization's. */
    public static boolean taggedFor(String name, String orgId) {
        return ownerHash(name).map(hash -> hash.equals(hash(orgId, ORG_HEX))).orElse(false);
    }

    /** Whether the name was given for this organization's request. */
    public static boolean carries(String name, String orgId, String requestId) {
        return name != null && name.endsWith(PREFIX + hash(orgId, ORG_HEX) + "-" + hash(requestId, REQUEST_HEX));
    }

    private static Optional<String> ownerHash(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher matcher = TAG.matcher(name);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String hash(String value, int hexChars) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
