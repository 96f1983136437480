package io.switchboard.orchestrator.costs;

/**
 * {@code GET /api/v1/organizations/{orgId}/costs}: one organization's line — its number (if any), by where it
 * lives, and its assistants — and what they cost a month. An organization without a line has nothing.
 */
public record OrganizationCost(String orgId, NumberCounts numbers, long assistants, MonthlyCost monthlyCost) {
}
