package io.switchboard.contracts.commands;

/** Release a number this platform bought back to Twilio. An already released number counts as released. */
public record ReleaseNumber(
        String orgId,
        String requestId,
        String numberSid,
        String phoneNumber,
        String twilioCredentialId) implements Command {
    public static final String TYPE = "io.switchboard.command.twilio.ReleaseNumber.v1";
}
