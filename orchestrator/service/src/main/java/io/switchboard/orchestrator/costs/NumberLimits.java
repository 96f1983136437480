package io.switchboard.orchestrator.costs;

import java.util.List;

/**
 * How close the number limits are; a limit is {@code near} when at most {@code switchboard.costs.alert-headroom}
 * numbers are left under it.
 *
 * @param vapiFree      VAPI's free numbers per account ({@code switchboard.pool.vapi-free-number-limit})
 * @param trialAccounts every Twilio trial account a line uses its number of, by credential id ({@code platform}:
 *                      the platform's own account); Switchboard learns an account is a trial when a line gets its
 *                      number ({@code TRIAL_EXISTING})
 */
public record NumberLimits(Limit vapiFree, List<TrialAccount> trialAccounts) {

    public record Limit(long limit, long inUse, long remaining, boolean near) {
        static Limit of(long limit, long inUse, int alertHeadroom) {
            long remaining = Math.max(0, limit - inUse);
            return new Limit(limit, inUse, remaining, remaining <= alertHeadroom);
        }
    }

    public record TrialAccount(String account, Limit numbers) {
    }
}
