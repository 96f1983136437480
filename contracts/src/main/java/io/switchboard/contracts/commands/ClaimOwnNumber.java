package io.switchboard.contracts.commands;

/**
 * Use a number the organization already owns in its own Twilio account for its line. The worker checks that the
 * number is there and serves no other line (its owner tag), then tags it as the organization's own, brought number
 * ({@code sb/own/<org>/<request>}); it never buys, releases or moves anything. A repeated command finds the number
 * it tagged for this request. Answered with {@code NumberAcquired} (source {@code ORGANIZATION_OWNED}), or
 * {@code NUMBER_NOT_IN_ACCOUNT} / {@code NUMBER_IN_USE} (neither retryable).
 *
 * @param numberSid          the number's Phone Number SID ({@code PN…}), or {@code null}
 * @param phoneNumber        its E.164 number, or {@code null}; with neither: any number of the account no line uses
 * @param twilioCredentialId the organization's own stored Twilio credential (required: a brought number lives in the
 *                           organization's account, never the platform's)
 */
public record ClaimOwnNumber(
        String orgId,
        String requestId,
        String numberSid,
        String phoneNumber,
        String twilioCredentialId) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.ClaimOwnNumber.v1";

    /** Neither a SID nor a number: the first number of the account that no line uses. */
    public boolean anyUnassigned() {
        return (numberSid == null || numberSid.isBlank()) && (phoneNumber == null || phoneNumber.isBlank());
    }
}
