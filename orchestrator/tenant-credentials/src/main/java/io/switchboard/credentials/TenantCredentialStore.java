package io.switchboard.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations' own provider credentials in {@code credentials.tenant_credential}, the secret encrypted with
 * {@link CredentialCipher}. Every read is scoped by organization id, and the organization id is also part of the
 * associated data, so neither a wrong id in a command nor a row edited in the database hands one organization's
 * secret to another.
 */
public final class TenantCredentialStore {
    private static final Logger log = LoggerFactory.getLogger(TenantCredentialStore.class);
    private static final String TABLE = CredentialSchema.SCHEMA + ".tenant_credential";
    private static final String COLUMNS = "id, org_id, provider, account_sid, key_id, created_at, rotated_at";

    private final JdbcTemplate jdbc;
    private final CredentialCipher cipher;
    private final Clock clock;

    public TenantCredentialStore(DataSource dataSource, CredentialKeyset keyset, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cipher = new CredentialCipher(keyset);
        this.clock = clock;
    }

    /** Creates or upgrades the {@code credentials} schema (its own Flyway history); for the schema owner only. */
    public static void migrate(DataSource dataSource) {
        CredentialSchema.migrate(dataSource);
    }

    /** A saved credential and whether it is new (false: the account was registered before and its secret replaced). */
    public record Saved(TenantCredential credential, boolean created) {
    }

    /**
     * Stores the secret of one account of an organization. Registering the same account again replaces the secret
     * under the same id, so commands that already carry the id keep working after an owner changes their token.
     */
    public Saved save(String orgId, String provider, String accountSid, String secret) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<String> existing = jdbc.query("select id from " + TABLE
                            + " where org_id = ? and provider = ? and account_sid = ?",
                    (rs, n) -> rs.getString(1), orgId, provider, accountSid).stream().findFirst();
            Instant now = clock.instant();
            if (existing.isPresent()) {
                String id = existing.get();
                CredentialCipher.Sealed sealed = cipher.seal(secret, new AssociatedData(orgId, id, provider, accountSid));
                jdbc.update("update " + TABLE + " set ciphertext = ?, key_id = ?, rotated_at = ? where id = ?",
                        sealed.ciphertext(), sealed.keyId(), Timestamp.from(now), id);
                return new Saved(find(orgId, id).orElseThrow(), false);
            }
            String id = "tc-" + UUID.randomUUID();
            CredentialCipher.Sealed sealed = cipher.seal(secret, new AssociatedData(orgId, id, provider, accountSid));
            int inserted = jdbc.update("insert into " + TABLE + " (id, org_id, provider, account_sid, ciphertext, key_id,"
                            + " created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (org_id, provider, account_sid) do nothing",
                    id, orgId, provider, accountSid, sealed.ciphertext(), sealed.keyId(), Timestamp.from(now));
            if (inserted == 1) {
                return new Saved(find(orgId, id).orElseThrow(), true);
            }
            // A concurrent registration of the same account won the insert: replace its secret instead.
        }
        throw new IllegalStateException("credential for account " + accountSid + " kept changing concurrently");
    }

    public List<TenantCredential> list(String orgId) {
        return jdbc.query("select " + COLUMNS + " from " + TABLE + " where org_id = ? order by created_at, id",
                METADATA, orgId);
    }

    /** Every organization's credentials, without secrets (ops reconciliation reads every tenant account). */
    public List<TenantCredential> listAll() {
        return jdbc.query("select " + COLUMNS + " from " + TABLE + " order by org_id, created_at, id", METADATA);
    }

    public Optional<TenantCredential> find(String orgId, String credentialId) {
        return jdbc.query("select " + COLUMNS + " from " + TABLE + " where org_id = ? and id = ?",
                METADATA, orgId, credentialId).stream().findFirst();
    }

    public boolean delete(String orgId, String credentialId) {
        return jdbc.update("delete from " + TABLE + " where org_id = ? and id = ?", orgId, credentialId) == 1;
    }

    /** A credential with its secret in clear, for the one call that needs it. */
    public record Revealed(TenantCredential credential, String secret) {
        @Override
        public String toString() {
            return "Revealed[" + credential + ", secret=***]";
        }
    }

    /**
     * Decrypts the secret of an organization's credential.
     *
     * @return empty when the organization has no credential with this id
     * @throws CredentialDecryptionException when the row does not decrypt for this organization
     */
    public Optional<Revealed> reveal(String orgId, String credentialId) {
        return jdbc.query("select " + COLUMNS + ", ciphertext from " + TABLE + " where org_id = ? and id = ?",
                (rs, n) -> {
                    TenantCredential credential = METADATA.mapRow(rs, n);
                    return new Revealed(credential, cipher.open(rs.getBytes("ciphertext"), aad(credential)));
                }, orgId, credentialId).stream().findFirst();
    }

    /**
     * Re-encrypts every row not yet under the keyset's primary key, so the old key can then be removed from the
     * keyset. Safe to run from several instances at once: each row is only updated if it still has the key it was
     * read with.
     *
     * @return how many rows were re-encrypted
     */
    public int rotate() {
        long primary = cipher.primaryKeyId();
        record Stale(TenantCredential credential, byte[] ciphertext) {
        }
        List<Stale> stale = jdbc.query("select " + COLUMNS + ", ciphertext from " + TABLE + " where key_id <> ?",
                (rs, n) -> new Stale(METADATA.mapRow(rs, n), rs.getBytes("ciphertext")), primary);
        int rotated = 0;
        for (Stale row : stale) {
            AssociatedData aad = aad(row.credential());
            CredentialCipher.Sealed sealed;
            try {
                sealed = cipher.seal(cipher.open(row.ciphertext(), aad), aad);
            } catch (CredentialDecryptionException e) {
                // One unreadable row (its key already removed, or tampered) must not stop the others from rotating.
                log.warn("Not rotated: {}", e.getMessage());
                continue;
            }
            rotated += jdbc.update("update " + TABLE + " set ciphertext = ?, key_id = ?, rotated_at = ?"
                            + " where id = ? and key_id = ?", sealed.ciphertext(), sealed.keyId(),
                    Timestamp.from(clock.instant()), row.credential().id(), row.credential().keyId());
        }
        if (rotated > 0) {
            log.info("Re-encrypted {} tenant credential(s) under key {}", rotated, primary);
        }
        return rotated;
    }

    private static AssociatedData aad(TenantCredential c) {
        return new AssociatedData(c.orgId(), c.id(), c.provider(), c.accountSid());
    }

    private static final RowMapper<TenantCredential> METADATA = (rs, n) -> new TenantCredential(
            rs.getString("id"), rs.getString("org_id"), rs.getString("provider"), rs.getString("account_sid"),
            rs.getLong("key_id"), rs.getTimestamp("created_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("rotated_at")).map(Timestamp::toInstant).orElse(null));
}
