package io.switchboard.contracts.replies;

public record PhoneNumberRegistrationDeleted(String vapiPhoneNumberId, boolean alreadyDeleted) implements Reply {
    public static final String TYPE = "io.switchboard.reply.PhoneNumberRegistrationDeleted.v1";
}
