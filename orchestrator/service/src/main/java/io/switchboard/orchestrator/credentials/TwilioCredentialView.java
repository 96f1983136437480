package io.switchboard.orchestrator.credentials;

import io.switchboard.credentials.TenantCredential;

import java.time.Instant;

/** What the API says about a stored credential: ids and dates, never the token. */
public record TwilioCredentialView(String credentialId, String accountSid, Instant createdAt, Instant rotatedAt) {
    static TwilioCredentialView of(TenantCredential credential) {
        return new TwilioCredentialView(credential.id(), credential.accountSid(), credential.createdAt(),
                credential.rotatedAt());
    }
}
