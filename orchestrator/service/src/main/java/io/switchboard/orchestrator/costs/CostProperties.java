package io.switchboard.orchestrator.costs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * {@code switchboard.costs.*}: the prices the monthly cost is computed from, and when a number limit counts as near.
 * Prices are list prices to configure, not read from any bill: Switchboard cannot see invoices.
 *
 * @param currency                        the currency of every price (reported beside each amount)
 * @param platformTwilioNumberMonthly     one number in the platform's Twilio account (bought for a line or pooled)
 * @param organizationTwilioNumberMonthly one number in an organization's own Twilio account (billed to that
 *                                        account; reported apart as {@code inOrganizationAccounts})
 * @param vapiFreeNumberMonthly           one free VAPI number
 * @param assistantMonthly                one VAPI assistant (VAPI bills calls, not assistants, hence 0 by default)
 * @param trialAccountNumberLimit         numbers a Twilio trial account may hold (Twilio error 21404: one)
 * @param alertHeadroom                   a limit is "near" when at most this many numbers are left under it
 * @param metricsRefresh                  the Prometheus gauges re-read the database at most this often
 */
@ConfigurationProperties(prefix = "switchboard.costs")
public record CostProperties(
        @DefaultValue("USD") String currency,
        @DefaultValue("1.15") BigDecimal platformTwilioNumberMonthly,
        @DefaultValue("1.15") BigDecimal organizationTwilioNumberMonthly,
        @DefaultValue("0") BigDecimal vapiFreeNumberMonthly,
        @DefaultValue("0") BigDecimal assistantMonthly,
        @DefaultValue("1") int trialAccountNumberLimit,
        @DefaultValue("1") int alertHeadroom,
        @DefaultValue("5s") Duration metricsRefresh) {

    public CostProperties {
        for (BigDecimal price : new BigDecimal[]{platformTwilioNumberMonthly, organizationTwilioNumberMonthly,
                vapiFreeNumberMonthly, assistantMonthly}) {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("switchboard.costs.* prices must not be negative");
            }
        }
        if (trialAccountNumberLimit < 1 || alertHeadroom < 0) {
            throw new IllegalArgumentException(
                    "switchboard.costs.trial-account-number-limit must be at least 1, alert-headroom at least 0");
        }
    }
}
