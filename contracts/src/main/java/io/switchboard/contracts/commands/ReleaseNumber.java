package io.switchboard.contracts.commands;

/**
 * Release a number this platform bought back to Twilio. The worker releases it only when its owner tag names
 * {@code owner} (a number tagged before owner tags existed is released as before); a number of another
 * organization, a trial account's own number or one Switchboard did not tag is refused
 * ({@code OWNED_BY_ANOTHER_ORGANIZATION}). An already released number counts as released.
 *
 * @param owner who gives the number up: {@code null} (or the command's organization) for the organization,
 *              {@link NumberOwner#pool()} when the pool releases a number idle too long
 */
public record ReleaseNumber(
        String orgId,
        String requestId,
        String numberSid,
        String phoneNumber,
        String twilioCredentialId,
        NumberOwner owner) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.ReleaseNumber.v1";

    /** Released by the command's organization (the {@code owner} field is absent in older commands). */
    public ReleaseNumber(String orgId, String requestId, String numberSid, String phoneNumber, String twilioCredentialId) {
        this(orgId, requestId, numberSid, phoneNumber, twilioCredentialId, null);
    }

    public NumberOwner ownerOrOrganization() {
        return owner == null ? NumberOwner.organization(orgId) : owner;
    }
}
