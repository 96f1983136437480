package io.switchboard.credentials;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a ciphertext is bound to. AEAD authenticates these bytes without storing them, so a ciphertext only decrypts
 * for the same organization, credential id, provider and account: copying a row's ciphertext into another
 * organization's row, or pointing it at another account, makes decryption fail instead of leaking the secret.
 * Fields are length-prefixed so that no two different tuples encode to the same bytes.
 */
public record AssociatedData(String orgId, String credentialId, String provider, String accountSid) {
    private static final String CONTEXT = "switchboard.tenant-credential.v1";

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : new String[]{CONTEXT, orgId, credentialId, provider, accountSid}) {
            byte[] value = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.write(value.length >>> 24);
            out.write(value.length >>> 16);
            out.write(value.length >>> 8);
            out.write(value.length);
            out.writeBytes(value);
        }
        return out.toByteArray();
    }
}
