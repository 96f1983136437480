package io.switchboard.credentials;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.switchboard.messaging.keys.TinkKeyset;

import java.security.GeneralSecurityException;
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

    private static final String SETTING = "switchboard.credentials.keyset";
    private static final String KIND = "AES-256-GCM keyset";

    private final TinkKeyset keyset;
    private final Aead aead;

    private CredentialKeyset(TinkKeyset keyset) {
        this.keyset = keyset;
        try {
            this.aead = keyset.handle().getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a Tink JSON keyset; the exception never quotes the input (it is key material). */
    public static CredentialKeyset fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty keyset");
        }
        return new CredentialKeyset(TinkKeyset.parse(json, SETTING, KIND, PredefinedAeadParameters.AES256_GCM,
                CredentialKeyset::accepted));
    }

    /** A new keyset with one fresh AES-256-GCM key. */
    public static CredentialKeyset generate() {
        return new CredentialKeyset(TinkKeyset.generate(KIND, PredefinedAeadParameters.AES256_GCM,
                CredentialKeyset::accepted));
    }

    /** This keyset plus a new key that decrypts but does not encrypt yet (rotation step 1: roll it out everywhere). */
    public CredentialKeyset withNewKey() {
        return new CredentialKeyset(keyset.withNewKey());
    }

    /** The same keys with {@code keyId} as the primary (rotation step 2: new secrets and re-encryption use it). */
    public CredentialKeyset withPrimary(long keyId) {
        return new CredentialKeyset(keyset.withPrimary(keyId));
    }

    /** The same keys without {@code keyId} (rotation step 3, after {@link TenantCredentialStore#rotate()}). */
    public CredentialKeyset without(long keyId) {
        return new CredentialKeyset(keyset.without(keyId));
    }

    public long primaryKeyId() {
        return keyset.primaryKeyId();
    }

    /** Ids of all enabled keys (they can decrypt), primary included. */
    public List<Long> keyIds() {
        return keyset.keyIds();
    }

    /** Key material in clear: for writing the configuration value, never for logs. */
    public String toJson() {
        return keyset.toJson();
    }

    /** The keyset with its rotation moves, for {@link KeysetTool}. */
    TinkKeyset keyset() {
        return keyset;
    }

    Aead aead() {
        return aead;
    }

    private static boolean accepted(Parameters parameters) {
        return parameters instanceof AesGcmParameters p && p.getKeySizeBytes() == 32;
    }

    @Override
    public String toString() {
        return "CredentialKeyset[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
    }
}
