package io.switchboard.credentials.twilio;

/**
 * The Twilio account a command acts in.
 *
 * @param credentialId the stored credential's id, or {@code null} for the platform account
 */
public record TwilioAccount(String credentialId, String accountSid, String authToken) {

    public boolean isPlatform() {
        return credentialId == null;
    }

    /** Removes the auth token from text that may end up in a log or a reply (defence in depth). */
    public String redact(String text) {
        if (text == null || authToken == null || authToken.isEmpty()) {
            return text;
        }
        return text.replace(authToken, "***");
    }

    @Override
    public String toString() {
        return "TwilioAccount[credentialId=" + credentialId + ", accountSid=" + accountSid + ", authToken=***]";
    }
}
