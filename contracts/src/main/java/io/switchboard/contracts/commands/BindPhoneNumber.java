package io.switchboard.contracts.commands;

/**
 * Bind an organization's VAPI phone number (an imported Twilio number or a free VAPI number) to another of its
 * assistants. The worker checks that both are the organization's (owner tag, metadata, ledger) before it changes
 * anything, and answers {@code PhoneNumberRegistered} with the binding as it is now. Binding to the assistant the
 * number already has changes nothing, so a redelivery is harmless.
 */
public record BindPhoneNumber(String orgId, String requestId, String vapiPhoneNumberId, String assistantId)
        implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.BindPhoneNumber.v1";
}
