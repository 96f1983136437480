package io.switchboard.contracts.replies;

/**
 * The VAPI number is active and can be called: by its E.164 digits, or — where VAPI shows none — by its
 * {@code sipUri} ("You can SIP INVITE this. The assistant attached to this number will answer", VAPI's
 * {@code VapiPhoneNumber}).
 *
 * @param phoneNumber E.164 digits, {@code null} when VAPI shows only a SIP URI
 * @param sipUri      the number's SIP URI, when VAPI shows one (absent in replies written before it existed)
 */
public record PhoneNumberActive(String vapiPhoneNumberId, String phoneNumber, String sipUri) implements Reply {
    public static final String TYPE = "io.switchboard.reply.PhoneNumberActive.v1";

    public PhoneNumberActive(String vapiPhoneNumberId, String phoneNumber) {
        this(vapiPhoneNumberId, phoneNumber, null);
    }

    /** What the line is reached at: the digits, else the SIP URI. */
    public String reachableAt() {
        return phoneNumber != null ? phoneNumber : sipUri;
    }
}
