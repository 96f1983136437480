package io.switchboard.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** Seals and opens tenant secrets with the keyset's AEAD, bound to their {@link AssociatedData}. */
public final class CredentialCipher {
    /** Tink's output prefix: one version byte (0x01) and the 4-byte id of the key that encrypted. */
    private static final int TINK_PREFIX = 5;

    private final CredentialKeyset keyset;

    public CredentialCipher(CredentialKeyset keyset) {
        this.keyset = keyset;
    }

    /** A ciphertext and the key it was made with (stored next to it so rotation can find stale rows). */
    public record Sealed(byte[] ciphertext, long keyId) {
    }

    public Sealed seal(String secret, AssociatedData aad) {
        try {
            byte[] ciphertext = keyset.aead().encrypt(secret.getBytes(StandardCharsets.UTF_8), aad.bytes());
            return new Sealed(ciphertext, keyIdOf(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws CredentialDecryptionException wrong associated data, tampered ciphertext or a key no longer in the keyset */
    public String open(byte[] ciphertext, AssociatedData aad) {
        try {
            return new String(keyset.aead().decrypt(ciphertext, aad.bytes()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CredentialDecryptionException("credential '" + aad.credentialId() + "' of organization '"
                    + aad.orgId() + "' cannot be decrypted (wrong organization, tampered row or retired key)");
        }
    }

    public long primaryKeyId() {
        return keyset.primaryKeyId();
    }

    static long keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < TINK_PREFIX || ciphertext[0] != 1) {
            throw new IllegalStateException("ciphertext without a Tink key prefix");
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }
}
