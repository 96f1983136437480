package io.switchboard.credentials.twilio;

import io.switchboard.credentials.CredentialDecryptionException;
import io.switchboard.credentials.TenantCredentialStore;

/**
 * The platform account for commands without a credential id, an organization's own account from the encrypted
 * store otherwise. Nothing is cached: a deleted or replaced credential takes effect with the next command, and the
 * token lives in memory only for the command that uses it.
 */
public class StoredTwilioAccounts implements TwilioAccounts {
    public static final String PROVIDER = "twilio";

    private final PlatformTwilioAccounts platform;
    private final TenantCredentialStore store;

    public StoredTwilioAccounts(PlatformTwilioAccounts platform, TenantCredentialStore store) {
        this.platform = platform;
        this.store = store;
    }

    @Override
    public TwilioAccount resolve(String orgId, String credentialId) {
        if (PlatformTwilioAccounts.isBlank(credentialId)) {
            return platform.resolve(orgId, null);
        }
        TenantCredentialStore.Revealed revealed;
        try {
            revealed = store.reveal(orgId, credentialId).orElseThrow(() -> new UnknownCredentialException(
                    "organization '" + orgId + "' has no Twilio credential '" + credentialId + "'"));
        } catch (CredentialDecryptionException e) {
            throw new UnknownCredentialException(e.getMessage());
        }
        if (!PROVIDER.equals(revealed.credential().provider())) {
            throw new UnknownCredentialException("credential '" + credentialId + "' is not a Twilio credential");
        }
        return new TwilioAccount(credentialId, revealed.credential().accountSid(), revealed.secret());
    }
}
