package io.switchboard.contracts.replies;

/** The organization has a number. Only a {@link Source#PURCHASED} number may be released by a compensation. */
public record NumberAcquired(String phoneNumber, String numberSid, Source source) implements Reply {
    public static final String TYPE = "io.switchboard.reply.NumberAcquired.v1";

    public enum Source {
        /** Bought for this request (possibly found by its tag after an ambiguous first attempt). */
        PURCHASED,
        /** A trial account's one existing number, reused: not ours to release. */
        TRIAL_EXISTING,
        /**
         * A number the organization brought, in its own Twilio account ({@code ClaimOwnNumber}): never released,
         * pooled or re-tagged away; when the line goes it stays where it is.
         */
        ORGANIZATION_OWNED
    }
}
