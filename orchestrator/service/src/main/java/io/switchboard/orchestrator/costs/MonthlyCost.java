package io.switchboard.orchestrator.costs;

import java.math.BigDecimal;

/**
 * What numbers and assistants cost a month at the configured prices ({@code switchboard.costs.*}).
 *
 * @param numbers                every number, whoever pays for it
 * @param assistants             every assistant
 * @param total                  {@code numbers + assistants}
 * @param inOrganizationAccounts the part of {@code numbers} billed to organizations' own Twilio accounts
 * @param currency               of every amount
 */
public record MonthlyCost(BigDecimal numbers, BigDecimal assistants, BigDecimal total,
                          BigDecimal inOrganizationAccounts, String currency) {

    static MonthlyCost of(NumberCounts counts, long assistants, CostProperties prices) {
        BigDecimal platform = prices.platformTwilioNumberMonthly().multiply(BigDecimal.valueOf(counts.platformTwilio()));
        BigDecimal organization = prices.organizationTwilioNumberMonthly()
                .multiply(BigDecimal.valueOf(counts.organizationTwilio()));
        BigDecimal vapi = prices.vapiFreeNumberMonthly().multiply(BigDecimal.valueOf(counts.vapiFree()));
        BigDecimal numbers = platform.add(organization).add(vapi);
        BigDecimal assistantCost = prices.assistantMonthly().multiply(BigDecimal.valueOf(assistants));
        return new MonthlyCost(numbers, assistantCost, numbers.add(assistantCost), organization, prices.currency());
    }
}
