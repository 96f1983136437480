package io.switchboard.credentials.twilio;

/**
 * Resolves the {@code twilioCredentialId} of a command to account credentials. {@code null} means the platform
 * account; other ids name an organization's own stored (encrypted) credential. The organization id of the command
 * is part of the lookup: an id that belongs to another organization is unknown here.
 */
public interface TwilioAccounts {

    /** @throws UnknownCredentialException when the id names no usable credential of this organization */
    TwilioAccount resolve(String orgId, String credentialId);
}
