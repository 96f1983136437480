package io.switchboard.contracts.replies;

/** The number is no longer owned; {@code alreadyReleased} when Twilio did not know it any more. */
public record NumberReleased(String numberSid, boolean alreadyReleased) implements Reply {
    public static final String TYPE = "io.switchboard.reply.NumberReleased.v1";
}
