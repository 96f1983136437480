package io.switchboard.contracts.commands;

/**
 * Import a Twilio number into VAPI bound to an assistant (or adopt the registration that already exists for the
 * number). Twilio credentials are looked up by the worker from {@code twilioCredentialId}, never sent here.
 */
public record RegisterPhoneNumber(
        String orgId,
        String requestId,
        String phoneNumber,
        String numberSid,
        String assistantId,
        String name,
        String twilioCredentialId) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.RegisterPhoneNumber.v1";
}
