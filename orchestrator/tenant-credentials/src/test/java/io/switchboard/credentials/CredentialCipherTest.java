package io.switchboard.credentials;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AEAD properties the store relies on, without a database. */
class CredentialCipherTest {
    private static final String TOKEN = "tenant-auth-token-0123456789abcdef";
    private static final AssociatedData ACME = new AssociatedData("acme", "tc-1", "twilio", "AC" + "1".repeat(32));

    @Test
    void roundTrip() {
        CredentialCipher cipher = new CredentialCipher(CredentialKeyset.generate());
        CredentialCipher.Sealed sealed = cipher.seal(TOKEN, ACME);

        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(sealed.keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(cipher.open(sealed.ciphertext(), ACME)).isEqualTo(TOKEN);
    }

    @Test
    void anotherOrganizationsAssociatedDataDoesNotDecrypt() {
        CredentialCipher cipher = new CredentialCipher(CredentialKeyset.generate());
        byte[] ciphertext = cipher.seal(TOKEN, ACME).ciphertext();

        for (AssociatedData other : new AssociatedData[]{
                new AssociatedData("globex", "tc-1", "twilio", ACME.accountSid()),
                new AssociatedData("acme", "tc-2", "twilio", ACME.accountSid()),
                new AssociatedData("acme", "tc-1", "twilio", "AC" + "2".repeat(32))}) {
            assertThatThrownBy(() -> cipher.open(ciphertext, other))
                    .isInstanceOf(CredentialDecryptionException.class)
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void associatedDataFieldsCannotBeShiftedIntoEachOther() {
        assertThat(new AssociatedData("ab", "c", "twilio", "x").bytes())
                .isNotEqualTo(new AssociatedData("a", "bc", "twilio", "x").bytes());
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndEncryptsUnderTheNewPrimary() {
        CredentialKeyset original = CredentialKeyset.generate();
        byte[] old = new CredentialCipher(original).seal(TOKEN, ACME).ciphertext();

        CredentialKeyset added = CredentialKeyset.fromJson(original.withNewKey().toJson());
        assertThat(added.keyIds()).hasSize(2);
        assertThat(added.primaryKeyId()).as("a new key decrypts only until promoted").isEqualTo(original.primaryKeyId());
        long newKey = added.keyIds().stream().filter(id -> id != original.primaryKeyId()).findFirst().orElseThrow();

        CredentialCipher rotated = new CredentialCipher(added.withPrimary(newKey));
        assertThat(rotated.open(old, ACME)).isEqualTo(TOKEN);
        CredentialCipher.Sealed resealed = rotated.seal(TOKEN, ACME);
        assertThat(resealed.keyId()).isEqualTo(newKey);

        CredentialCipher retired = new CredentialCipher(added.withPrimary(newKey).without(original.primaryKeyId()));
        assertThat(retired.open(resealed.ciphertext(), ACME)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> retired.open(old, ACME)).isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void aKeysetThatIsNotAes256GcmIsRefused() throws Exception {
        String aes128 = com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
                com.google.crypto.tink.KeysetHandle.generateNew(
                        com.google.crypto.tink.aead.PredefinedAeadParameters.AES128_GCM),
                com.google.crypto.tink.InsecureSecretKeyAccess.get());
        assertThatThrownBy(() -> CredentialKeyset.fromJson(aes128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialKeyset.fromJson("{\"not\":\"a keyset\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("a keyset\"");
    }

    @Test
    void keysetPrintsIdsNotKeyMaterial() {
        CredentialKeyset keyset = CredentialKeyset.generate();
        assertThat(keyset.toString()).contains(Long.toString(keyset.primaryKeyId())).doesNotContain("value");
    }
}
