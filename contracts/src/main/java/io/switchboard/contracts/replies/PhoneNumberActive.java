package io.switchboard.contracts.replies;

/** The VAPI number is active and its E.164 digits are known. */
public record PhoneNumberActive(String vapiPhoneNumberId, String phoneNumber) implements Reply {
    public static final String TYPE = "io.switchboard.reply.PhoneNumberActive.v1";
}
