package io.switchboard.contracts.commands;

/**
 * Move a Twilio number from one owner to another by re-tagging it (its FriendlyName), compare-and-set: only when
 * its tag names {@code expectedOwner} now (a number tagged before owner tags existed counts as the expected owner's,
 * the orchestrator's records being the only ones it has). A number that already names {@code newOwner} is
 * answered as assigned without a change, so a repeated command is harmless; any other owner is refused
 * ({@code OWNED_BY_ANOTHER_ORGANIZATION}). An organization owner, expected or new, must be the command's own
 * organization: a command moves numbers to or from its organization only.
 * <p>
 * Used when an organization takes a pooled number (pool → organization) and gives it back (organization → pool),
 * and when it hands a trial account's own number back (organization → unassigned).
 */
public record AssignNumber(
        String orgId,
        String requestId,
        String numberSid,
        String phoneNumber,
        NumberOwner expectedOwner,
        NumberOwner newOwner,
        String twilioCredentialId) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.AssignNumber.v1";
}
