package io.switchboard.contracts.commands;

/**
 * Buy a phone number for the organization at Twilio: search the preferred country / area code, purchase a
 * specific candidate tagged with {@code requestId}, adopt a number already tagged with it instead of buying twice.
 *
 * @param allowTrialFallback when the account is a trial limited to one number, answer with the account's existing
 *                           number (source {@code TRIAL_EXISTING}) instead of failing
 * @param twilioCredentialId the organization's own Twilio credential, or {@code null} for the platform account
 */
public record AcquireNumber(
        String orgId,
        String requestId,
        String country,
        String areaCode,
        boolean allowTrialFallback,
        String twilioCredentialId) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.AcquireNumber.v1";
}
