package io.switchboard.orchestrator.credentials;

/** Body of {@code POST /api/v1/organizations/{orgId}/twilio-credentials}. */
public record RegisterTwilioCredential(String accountSid, String authToken) {
    @Override
    public String toString() {
        // Records print every component; a request body must never put the token into a log line.
        return "RegisterTwilioCredential[accountSid=" + accountSid + ", authToken=***]";
    }
}
