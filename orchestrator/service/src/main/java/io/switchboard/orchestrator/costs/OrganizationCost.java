package io.switchboard.orchestrator.costs;

/**
 * {@code GET /api/v1/organizations/{orgId}/costs}: one organization's line — its numbers (its own and the ones it
 * added), by where they live, and its assistants — and what they cost a month. An organization without a line has nothing.
 */
public record OrganizationCost(String orgId, NumberCounts numbers, long assistants, MonthlyCost monthlyCost) {
}
