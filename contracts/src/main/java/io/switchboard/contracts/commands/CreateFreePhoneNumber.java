package io.switchboard.contracts.commands;

/**
 * Get a free VAPI phone number bound to an assistant. VAPI answers at once with a number that is still
 * "activating" and shows no digits yet; {@link CheckPhoneNumber} then polls until it is active.
 *
 * @param areaCode the wanted US area code (exactly 3 digits), or {@code null} for VAPI's choice
 * @param name     a readable label; the worker adds a tag derived from {@code requestId} so it can find the number
 *                 again when this command is delivered twice
 */
public record CreateFreePhoneNumber(
        String orgId,
        String requestId,
        String areaCode,
        String assistantId,
        String name) implements Command {
    public static final String TYPE = "io.switchboard.command.vapi.CreateFreePhoneNumber.v1";
}
