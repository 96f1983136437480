package io.switchboard.contracts.commands;

/** Remove a phone number from VAPI (the Twilio number itself is released separately). */
public record DeletePhoneNumberRegistration(String orgId, String requestId, String vapiPhoneNumberId) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.DeletePhoneNumberRegistration.v1";
}
