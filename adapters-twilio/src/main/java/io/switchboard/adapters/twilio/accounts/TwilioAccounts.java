package io.switchboard.adapters.twilio.accounts;

/**
 * Resolves the {@code twilioCredentialId} of a command to account credentials. {@code null} means the platform
 * account; other ids name an organization's own (encrypted) stored credential.
 */
public interface TwilioAccounts {

    /** @throws UnknownCredentialException when the id names no usable credential */
    TwilioAccount resolve(String credentialId);
}
