package io.switchboard.orchestrator.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tokens, kept only as SHA-256 digests. A presented token is hashed and compared with every known
 * digest using {@link MessageDigest#isEqual} without stopping at the first match: equal-length digests make the
 * comparison constant-time, so neither a token's content nor its length leaks through response timing.
 */
public final class TokenRegistry {
    private final List<Entry> entries = new ArrayList<>();

    public TokenRegistry(ApiProperties properties) {
        properties.opsTokens().stream().filter(t -> !t.isBlank())
                .forEach(token -> entries.add(new Entry(digest(token), new Caller.Ops())));
        for (Map.Entry<String, String> org : properties.orgTokens().entrySet()) {
            if (!org.getKey().isBlank() && org.getValue() != null && !org.getValue().isBlank()) {
                entries.add(new Entry(digest(org.getKey()), new Caller.Organization(org.getValue())));
            }
        }
    }

    public Optional<Caller> identify(String token) {
        byte[] presented = digest(token);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Entry(byte[] digest, Caller caller) {
    }
}
