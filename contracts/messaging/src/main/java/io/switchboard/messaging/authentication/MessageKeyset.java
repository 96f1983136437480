package io.switchboard.messaging.authentication;

import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.switchboard.messaging.keys.TinkKeyset;

import java.security.GeneralSecurityException;

/**
 * The keys every Switchboard service shares to authenticate the commands and replies it writes to Kafka
 * ({@code switchboard.messaging.authentication.keyset}, Tink JSON). The primary key tags what a service sends; every
 * enabled key verifies, so keys rotate without downtime (add everywhere, promote, remove: docs/architecture.md).
 * Only HMAC-SHA256 keys with 256-bit keys and tags are accepted.
 */
public final class MessageKeyset {
    public static final String SETTING = "switchboard.messaging.authentication.keyset";

    static {
        try {
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final String KIND = "HMAC-SHA256 message keyset";

    private final TinkKeyset keyset;
    private final Mac mac;

    private MessageKeyset(TinkKeyset keyset) {
        this.keyset = keyset;
        try {
            this.mac = keyset.handle().getPrimitive(RegistryConfiguration.get(), Mac.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a Tink JSON keyset; the exception never quotes the input (it is key material). */
    public static MessageKeyset fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(SETTING + " is not set: every service needs the keyset shared by all "
                    + "Switchboard services (create one with: KeysetTool --messages generate)");
        }
        return new MessageKeyset(TinkKeyset.parse(json, SETTING, KIND, PredefinedMacParameters.HMAC_SHA256_256BITTAG,
                MessageKeyset::accepted));
    }

    public static MessageKeyset generate() {
        return new MessageKeyset(TinkKeyset.generate(KIND, PredefinedMacParameters.HMAC_SHA256_256BITTAG,
                MessageKeyset::accepted));
    }

    public TinkKeyset keys() {
        return keyset;
    }

    public String toJson() {
        return keyset.toJson();
    }

    byte[] tag(byte[] data) {
        try {
            return mac.computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a message tag", e);
        }
    }

    boolean verifies(byte[] tag, byte[] data) {
        try {
            mac.verifyMac(tag, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean accepted(Parameters parameters) {
        return parameters instanceof HmacParameters p && p.getHashType() == HmacParameters.HashType.SHA256
                && p.getKeySizeBytes() >= 32 && p.getCryptographicTagSizeBytes() >= 32;
    }

    @Override
    public String toString() {
        return keyset.toString();
    }
}
