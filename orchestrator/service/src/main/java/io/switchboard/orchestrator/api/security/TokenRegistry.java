package io.switchboard.orchestrator.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tokens, kept only as SHA-256 digests, and the organization tokens issued at run time
 * ({@link OrganizationTokens}). A presented token is hashed and compared with every configured digest using
 * {@link MessageDigest#isEqual} without stopping at the first match: equal-length digests make the comparison
 * constant-time, so neither a token's content nor its length leaks through response timing. A token that matches
 * none of them and has the issued tokens' prefix is looked up by its digest in the database, on every request, so
 * a revoked one is refused at once by every orchestrator.
 */
public final class TokenRegistry {
    private final List<Entry> entries = new ArrayList<>();
    private final Optional<OrganizationTokens> issued;

    /** Configured tokens only. */
    public TokenRegistry(ApiProperties properties) {
        this(properties, null);
    }

    public TokenRegistry(ApiProperties properties, OrganizationTokens issued) {
        this.issued = Optional.ofNullable(issued);
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
        if (found == null && token.startsWith(OrganizationTokens.PREFIX) && issued.isPresent()) {
            return issued.get().identify(presented);
        }
        return Optional.ofNullable(found);
    }

    /** No configured token (tokens issued at run time need an ops token to be issued, so they cannot be the only). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Entry(byte[] digest, Caller caller) {
    }
}
