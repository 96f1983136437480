package io.switchboard.contracts.replies;

/** {@code duplicate} when the email had already been sent for this request and nothing was sent again. */
public record EmailSent(String kind, String recipient, boolean duplicate) implements Reply {
    public static final String TYPE = "io.switchboard.reply.EmailSent.v1";
}
