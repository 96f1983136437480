package io.switchboard.adapters.twilio.accounts;

/**
 * Knows only the platform account from configuration. Tenant credentials (an organization's own Twilio account,
 * stored encrypted) come with the credential store; until then their ids are refused clearly instead of silently
 * falling back to the platform account, which would put a tenant's number in the wrong account.
 */
public class PlatformTwilioAccounts implements TwilioAccounts {
    private final TwilioAccount platform;

    public PlatformTwilioAccounts(String accountSid, String authToken) {
        this.platform = new TwilioAccount(null, accountSid, authToken);
    }

    @Override
    public TwilioAccount resolve(String credentialId) {
        if (credentialId != null && !credentialId.isBlank()) {
            throw new UnknownCredentialException("unknown Twilio credential '" + credentialId + "'");
        }
        if (isBlank(platform.accountSid()) || isBlank(platform.authToken())) {
            throw new UnknownCredentialException(
                    "platform Twilio account is not configured (switchboard.twilio.account-sid / auth-token)");
        }
        return platform;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
