package io.switchboard.credentials;

/** A stored secret could not be decrypted. Retrying will not help; the message names ids only, never key material. */
public class CredentialDecryptionException extends RuntimeException {
    public CredentialDecryptionException(String message) {
        super(message);
    }
}
