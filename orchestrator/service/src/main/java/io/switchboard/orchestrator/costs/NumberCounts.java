package io.switchboard.orchestrator.costs;

/**
 * Numbers by where they live.
 *
 * @param platformTwilio     in the platform's Twilio account (bought for the line, or taken from the pool)
 * @param organizationTwilio in the organization's own Twilio account (bought there, its trial number, or brought)
 * @param vapiFree           free VAPI numbers
 */
public record NumberCounts(long platformTwilio, long organizationTwilio, long vapiFree) {
    static final NumberCounts NONE = new NumberCounts(0, 0, 0);

    public long total() {
        return platformTwilio + organizationTwilio + vapiFree;
    }

    NumberCounts plus(NumberCounts other) {
        return new NumberCounts(platformTwilio + other.platformTwilio, organizationTwilio + other.organizationTwilio,
                vapiFree + other.vapiFree);
    }
}
