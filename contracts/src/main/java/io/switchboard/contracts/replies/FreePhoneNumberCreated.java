package io.switchboard.contracts.replies;

/** A free VAPI number exists (usually still {@code activating}, without its digits). */
public record FreePhoneNumberCreated(String vapiPhoneNumberId, String status) implements Reply {
    public static final String TYPE = "io.switchboard.reply.FreePhoneNumberCreated.v1";
}
