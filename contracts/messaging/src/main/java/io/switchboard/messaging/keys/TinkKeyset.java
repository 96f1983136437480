package io.switchboard.messaging.keys;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Tink keyset given in configuration as Tink JSON, with the rotation moves every Switchboard keyset shares: the
 * primary key produces (encrypts, tags), every enabled key consumes (each ciphertext or tag starts with its key's
 * id), so a key is rolled out, promoted and retired without downtime. Immutable: each move returns a new keyset.
 * Every key must pass the kind's check, so a pasted keyset of the wrong or a weaker kind is refused at startup.
 *
 * @param kind what the keyset is for, used in error messages (e.g. {@code "HMAC-SHA256 message keyset"})
 */
public record TinkKeyset(KeysetHandle handle, String kind, Parameters newKeyParameters, Predicate<Parameters> accepted) {

    public TinkKeyset {
        for (int i = 0; i < handle.size(); i++) {
            var entry = handle.getAt(i);
            if (!accepted.test(entry.getKey().getParameters())) {
                throw new IllegalArgumentException("key " + Integer.toUnsignedString(entry.getId()) + " does not belong "
                        + "in a " + kind + " (" + entry.getKey().getParameters() + ")");
            }
        }
    }

    /** Parses Tink JSON; the exception never quotes the input (it is key material). */
    public static TinkKeyset parse(String json, String setting, String kind, Parameters newKeyParameters,
                                   Predicate<Parameters> accepted) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty");
        }
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json.strip(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // The cause is dropped on purpose: JSON parser messages quote the input, which is key material.
            throw new IllegalArgumentException(setting + " is not a usable Tink JSON " + kind + ": "
                    + e.getClass().getSimpleName(), null);
        }
        try {
            return new TinkKeyset(handle, kind, newKeyParameters, accepted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), null);
        }
    }

    /** A new keyset with one fresh key. */
    public static TinkKeyset generate(String kind, Parameters newKeyParameters, Predicate<Parameters> accepted) {
        return build(() -> KeysetHandle.generateNew(newKeyParameters), kind, newKeyParameters, accepted);
    }

    /** This keyset plus a new key that consumes but does not produce yet (rotation step 1: roll it out everywhere). */
    public TinkKeyset withNewKey() {
        return rebuilt(() -> KeysetHandle.newBuilder(handle)
                .addEntry(KeysetHandle.generateEntryFromParameters(newKeyParameters).withRandomId())
                .build());
    }

    /** The same keys with {@code keyId} as the primary (rotation step 2). */
    public TinkKeyset withPrimary(long keyId) {
        return rebuilt(() -> {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            builder.getAt(indexOf(keyId)).makePrimary();
            return builder.build();
        });
    }

    /** The same keys without {@code keyId} (rotation step 3, once nothing made with it is still needed). */
    public TinkKeyset without(long keyId) {
        if (keyId == primaryKeyId()) {
            throw new IllegalArgumentException("the primary key cannot be removed; promote another key first");
        }
        return rebuilt(() -> KeysetHandle.newBuilder(handle).deleteAt(indexOf(keyId)).build());
    }

    public long primaryKeyId() {
        return Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    /** Ids of all enabled keys, primary included. */
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

    private TinkKeyset rebuilt(HandleFactory factory) {
        return build(factory, kind, newKeyParameters, accepted);
    }

    private static TinkKeyset build(HandleFactory factory, String kind, Parameters newKeyParameters,
                                    Predicate<Parameters> accepted) {
        try {
            return new TinkKeyset(factory.create(), kind, newKeyParameters, accepted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return kind + "[primary=" + primaryKeyId() + ", keys=" + keyIds() + "]";
    }
}
