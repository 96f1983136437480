package io.switchboard.credentials;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store against a real PostgreSQL: encryption at rest, organization scoping, rotation. */
class TenantCredentialStoreTest {
    private static final String SID = "AC" + "a".repeat(32);
    private static final String TOKEN = "tenant-token-" + "f".repeat(20);
    private static HikariDataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase("tenant_credentials"));
        dataSource.setUsername(TestInfrastructure.username());
        dataSource.setPassword(TestInfrastructure.password());
        TenantCredentialStore.migrate(dataSource);
        TenantCredentialStore.migrate(dataSource); // idempotent: every orchestrator instance runs it at startup
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static TenantCredentialStore store(CredentialKeyset keyset) {
        return new TenantCredentialStore(dataSource, keyset, Clock.systemUTC());
    }

    @Test
    void roundTripWithOnlyCiphertextAtRest() {
        TenantCredentialStore store = store(CredentialKeyset.generate());
        TenantCredential saved = store.save("org-rt", "twilio", SID, TOKEN).credential();

        assertThat(store.reveal("org-rt", saved.id())).get().satisfies(r -> {
            assertThat(r.secret()).isEqualTo(TOKEN);
            assertThat(r.credential().accountSid()).isEqualTo(SID);
            assertThat(r.toString()).doesNotContain(TOKEN);
        });
        byte[] stored = jdbc.queryForObject("select ciphertext from credentials.tenant_credential where id = ?",
                byte[].class, saved.id());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(store.list("org-rt")).extracting(TenantCredential::id).containsExactly(saved.id());
    }

    @Test
    void anotherOrganizationCannotReadItEvenWithTheCiphertextCopiedIntoItsOwnRow() {
        TenantCredentialStore store = store(CredentialKeyset.generate());
        TenantCredential acme = store.save("org-acme", "twilio", SID, TOKEN).credential();
        TenantCredential globex = store.save("org-globex", "twilio", SID, "globex-token-xyz").credential();

        assertThat(store.reveal("org-globex", acme.id())).as("scoped by organization").isEmpty();
        jdbc.update("update credentials.tenant_credential set ciphertext = (select ciphertext from"
                + " credentials.tenant_credential where id = ?) where id = ?", acme.id(), globex.id());
        assertThatThrownBy(() -> store.reveal("org-globex", globex.id()))
                .isInstanceOf(CredentialDecryptionException.class).hasMessageNotContaining(TOKEN);
        // A row moved to another organization by editing org_id does not decrypt either.
        jdbc.update("update credentials.tenant_credential set org_id = 'org-evil' where id = ?", acme.id());
        assertThatThrownBy(() -> store.reveal("org-evil", acme.id())).isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void rotationKeepsOldRowsReadableAndReEncryptsThemUnderTheNewPrimary() {
        CredentialKeyset original = CredentialKeyset.generate();
        TenantCredential old = store(original).save("org-rot", "twilio", SID, TOKEN).credential();
        assertThat(old.keyId()).isEqualTo(original.primaryKeyId());

        CredentialKeyset withNew = original.withNewKey();
        long newKey = withNew.keyIds().stream().filter(id -> id != original.primaryKeyId()).findFirst().orElseThrow();
        TenantCredentialStore rotated = store(withNew.withPrimary(newKey));
        assertThat(rotated.reveal("org-rot", old.id())).get().extracting(TenantCredentialStore.Revealed::secret)
                .isEqualTo(TOKEN);

        assertThat(rotated.rotate()).isGreaterThanOrEqualTo(1);
        TenantCredential after = rotated.find("org-rot", old.id()).orElseThrow();
        assertThat(after.keyId()).isEqualTo(newKey);
        assertThat(after.rotatedAt()).isNotNull();
        assertThat(rotated.rotate()).as("nothing left under the old key").isZero();

        TenantCredentialStore retired = store(withNew.withPrimary(newKey).without(original.primaryKeyId()));
        assertThat(retired.reveal("org-rot", old.id())).get().extracting(TenantCredentialStore.Revealed::secret)
                .isEqualTo(TOKEN);
    }

    @Test
    void registeringTheSameAccountAgainReplacesTheSecretUnderTheSameId() {
        TenantCredentialStore store = store(CredentialKeyset.generate());
        TenantCredentialStore.Saved first = store.save("org-again", "twilio", SID, TOKEN);
        TenantCredentialStore.Saved second = store.save("org-again", "twilio", SID, "new-token-123");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.credential().id()).isEqualTo(first.credential().id());
        assertThat(store.reveal("org-again", first.credential().id())).get()
                .extracting(TenantCredentialStore.Revealed::secret).isEqualTo("new-token-123");
        assertThat(store.delete("org-other", first.credential().id())).isFalse();
        assertThat(store.delete("org-again", first.credential().id())).isTrue();
        assertThat(store.list("org-again")).isEmpty();
    }

    @Test
    void workersResolveTheOrganizationsOwnAccountAndNothingElse() {
        TenantCredentialStore store = store(CredentialKeyset.generate());
        TenantCredential own = store.save("org-w", "twilio", SID, TOKEN).credential();
        StoredTwilioAccounts accounts = new StoredTwilioAccounts(
                new PlatformTwilioAccounts("AC" + "0".repeat(32), "platform-token"), store);

        TwilioAccount account = accounts.resolve("org-w", own.id());
        assertThat(account.accountSid()).isEqualTo(SID);
        assertThat(account.authToken()).isEqualTo(TOKEN);
        assertThat(account.isPlatform()).isFalse();
        assertThat(accounts.resolve("org-w", null).isPlatform()).isTrue();
        assertThatThrownBy(() -> accounts.resolve("org-other", own.id()))
                .isInstanceOf(UnknownCredentialException.class).hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> accounts.resolve("org-w", "tc-missing")).isInstanceOf(UnknownCredentialException.class);
    }
}
