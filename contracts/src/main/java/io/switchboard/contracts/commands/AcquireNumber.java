package io.switchboard.contracts.commands;

/**
 * Buy a phone number at Twilio for the organization (or for the number pool): search the preferred country / area
 * code, purchase a specific candidate tagged with its owner and {@code requestId}, adopt a number already tagged
 * for this request instead of buying twice.
 *
 * @param allowTrialFallback when the account is a trial limited to one number, answer with the account's existing
 *                           number (source {@code TRIAL_EXISTING}), claimed for this organization, instead of
 *                           failing; only if no other organization's line uses it ({@code TRIAL_NUMBER_IN_USE})
 * @param twilioCredentialId the organization's own Twilio credential, or {@code null} for the platform account
 * @param owner              whom the number is bought for: {@code null} (or the command's organization) for the
 *                           organization, {@link NumberOwner#pool()} for the pool's own purchases
 */
public record AcquireNumber(
        String orgId,
        String requestId,
        String country,
        String areaCode,
        boolean allowTrialFallback,
        String twilioCredentialId,
        NumberOwner owner) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.AcquireNumber.v1";

    /** For the command's organization (the {@code owner} field is absent in commands written before it existed). */
    public AcquireNumber(String orgId, String requestId, String country, String areaCode, boolean allowTrialFallback,
                         String twilioCredentialId) {
        this(orgId, requestId, country, areaCode, allowTrialFallback, twilioCredentialId, null);
    }

    /** The owner the number is bought for: the command's organization unless it says otherwise. */
    public NumberOwner ownerOrOrganization() {
        return owner == null ? NumberOwner.organization(orgId) : owner;
    }
}
