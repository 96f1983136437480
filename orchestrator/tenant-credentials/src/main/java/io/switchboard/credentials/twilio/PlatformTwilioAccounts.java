package io.switchboard.credentials.twilio;

/**
 * Knows only the platform account from configuration. Used alone when no credential store is configured; tenant
 * credential ids are then refused clearly instead of silently falling back to the platform account, which would
 * put a tenant's number in the wrong account.
 */
public class PlatformTwilioAccounts implements TwilioAccounts {
    private final TwilioAccount platform;

    public PlatformTwilioAccounts(String accountSid, String authToken) {
        this.platform = new TwilioAccount(null, accountSid, authToken);
    }

    @Override
    public TwilioAccount resolve(String orgId, String credentialId) {
        if (!isBlank(credentialId)) {
            throw new UnknownCredentialException("unknown Twilio credential '" + credentialId
                    + "' (no tenant credential store is configured)");
        }
        if (isBlank(platform.accountSid()) || isBlank(platform.authToken())) {
            throw new UnknownCredentialException(
                    "platform Twilio account is not configured (switchboard.twilio.account-sid / auth-token)");
        }
        return platform;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
