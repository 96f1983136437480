package io.switchboard.orchestrator.api.security;

import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organization tokens issued at run time (table {@code api_token}), next to the configured ones of
 * {@link ApiProperties}. A token is {@value #PREFIX} followed by 32 random bytes in base64url: the prefix lets a
 * person (and a secret scanner) recognise one, the 256 random bits make it unguessable. Only its SHA-256 digest is
 * stored; the secret is returned once, by {@link #create}.
 * <p>
 * A presented token is looked up by its digest on every request, with no cache, so a revocation holds from the next
 * request on, on every orchestrator. Looking up by digest in an index is not a constant-time comparison, and need
 * not be: what timing could reveal is how much of a stored digest a guess's digest shares, and a digest prefix
 * brings an attacker no closer to a 256-bit random preimage.
 */
public class OrganizationTokens {
    public static final String PREFIX = "sb_org_";
    /** How much of a token is kept in clear to tell tokens apart: the prefix and 6 random characters (36 bits). */
    static final int SHOWN_LENGTH = PREFIX.length() + 6;
    /** last_used_at is written at most this often per token: a used token costs a read, not a write, per request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OrganizationTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What is known about a token: never its secret or its digest. */
    public record View(String tokenId, String orgId, String label, String prefix, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt) {
    }

    /** A token just created: {@code token} is the secret, shown this once. */
    public record Created(View view, String token) {
    }

    public Created create(String orgId, String label) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String prefix = token.substring(0, SHOWN_LENGTH);
        jdbc.update("insert into api_token (id, org_id, label, digest, prefix, created_at) values (?, ?, ?, ?, ?, ?)",
                id, orgId, label, TokenRegistry.digest(token), prefix, Timestamp.from(now));
        return new Created(new View(id.toString(), orgId, label, prefix, now, null, null), token);
    }

    /** The organization's tokens, revoked ones included (with the time), oldest first. */
    public List<View> list(String orgId) {
        return jdbc.query("select id, org_id, label, prefix, created_at, last_used_at, revoked_at from api_token "
                + "where org_id = ? order by created_at, id", (rs, i) -> new View(rs.getObject(1, UUID.class).toString(),
                rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))), orgId);
    }

    public Optional<View> find(String orgId, String tokenId) {
        Optional<UUID> id = parse(tokenId);
        return id.isEmpty() ? Optional.empty() : list(orgId).stream().filter(v -> v.tokenId().equals(tokenId)).findFirst();
    }

    /**
     * Revokes the organization's token (a second revocation keeps the first one's time).
     *
     * @return the token as it is now, empty when the organization has no such token
     */
    public Optional<View> revoke(String orgId, String tokenId) {
        Optional<UUID> id = parse(tokenId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("update api_token set revoked_at = ? where id = ? and org_id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), id.get(), orgId);
        return find(orgId, tokenId);
    }

    /** The organization a presented token (by its digest) belongs to, if it exists and is not revoked. */
    Optional<Caller> identify(byte[] digest) {
        List<Found> found = jdbc.query("select id, org_id, last_used_at from api_token where digest = ? "
                + "and revoked_at is null", (rs, i) -> new Found(rs.getObject(1, UUID.class), rs.getString(2),
                instant(rs.getTimestamp(3))), (Object) digest);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found token = found.get(0);
        Instant now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", Timestamp.from(now), token.id());
        }
        return Optional.of(new Caller.Organization(token.orgId()));
    }

    private record Found(UUID id, String orgId, Instant lastUsedAt) {
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
