package io.switchboard.contracts.replies;

public record PhoneNumberRegistered(String vapiPhoneNumberId, String phoneNumber, String assistantId) implements Reply {
    public static final String TYPE = "io.switchboard.reply.PhoneNumberRegistered.v1";
}
