package io.switchboard.credentials;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys tenant secrets are encrypted with: a Tink keyset in Tink's JSON format, given in configuration
 * ({@code switchboard.credentials.keyset}). Tink keysets hold several keys: the primary encrypts, every enabled key
 * decrypts (each ciphertext starts with the id of its key), which is what makes rotation possible without downtime.
 * Only AES-256-GCM keys are accepted, so a pasted weaker keyset is refused at startup rather than used.
 */
public final class CredentialKeyset {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final Aead aead;

    private CredentialKeyset(KeysetHandle handle) throws GeneralSecurityException {
        for (int i = 0; i < handle.size(); i++) {
            var entry = handle.getAt(i);
            if (!(entry.getKey().getParameters() instanceof AesGcmParameters p) || p.getKeySizeBytes() != 32) {
                throw new GeneralSecurityException("key " + Integer.toUnsignedString(entry.getId())
                        + " is not AES-256-GCM; only AES-256-GCM keys are accepted for tenant credentials");
            }
        }
        this.handle = handle;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** Parses a Tink JSON keyset; the exception never quotes the input (it is key material). */
    public static CredentialKeyset fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty keyset");
        }
        try {
            return new CredentialKeyset(TinkJsonProtoKeysetFormat.parseKeyset(json.strip(), InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // The cause is dropped on purpose: JSON parser messages quote the input, which is key material.
            throw new IllegalArgumentException("switchboard.credentials.keyset is not a usable Tink JSON AES-256-GCM keyset: "
                    + e.getClass().getSimpleName(), null);
        }
    }

    /** A new keyset with one fresh AES-256-GCM key. */
    public static CredentialKeyset generate() {
        return build(() -> KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    }

    /** This keyset plus a new key that decrypts but does not encrypt yet (rotation step 1: roll it out everywhere). */
    public CredentialKeyset withNewKey() {
        return build(() -> KeysetHandle.newBuilder(handle)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId())
                .build());
    }

    /** The same keys with {@code keyId} as the primary (rotation step 2: new secrets and re-encryption use it). */
    public CredentialKeyset withPrimary(long keyId) {
        return build(() -> {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            builder.getAt(indexOf(keyId)).makePrimary();
            return builder.build();
        });
    }

    /** The same keys without {@code keyId} (rotation step 3, after {@link TenantCredentialStore#rotate()}). */
    public CredentialKeyset without(long keyId) {
        if (keyId == primaryKeyId()) {
            throw new IllegalArgumentException("the primary key cannot be removed; promote another key first");
        }
        return build(() -> KeysetHandle.newBuilder(handle).deleteAt(indexOf(keyId)).build());
    }

    public long primaryKeyId() {
        return Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    /** Ids of all enabled keys (they can decrypt), primary included. */
    public List<Long> keyIds() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getStatus() == KeyStatus.ENABLED) {
                ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
            }
        }
        return List.copyOf(ids);
    }

    /** Key material in clear: for writing the configuration value, never for logs. */
    public String toJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Aead aead() {
        return aead;
    }

    private int indexOf(long keyId) {
        for (int i = 0; i < handle.size(); i++) {
            if (Integer.toUnsignedLong(handle.getAt(i).getId()) == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("no key " + keyId + " in the keyset");
    }

    private interface HandleFactory {
        KeysetHandle create() throws GeneralSecurityException;
    }

    private static CredentialKeyset build(HandleFactory factory) {
        try {
            return new CredentialKeyset(factory.create());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CredentialKeyset[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
    }
}
