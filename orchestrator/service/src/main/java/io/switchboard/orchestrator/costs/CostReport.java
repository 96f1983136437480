package io.switchboard.orchestrator.costs;

import java.util.List;

/**
 * {@code GET /api/v1/costs} (ops): the totals, the limits, and every organization that has a line.
 *
 * @param numbers       the lines' numbers
 * @param pooledNumbers the pool's numbers (no organization uses them; still paid for)
 * @param assistants    every line's assistants
 * @param monthlyCost   of the lines' and the pool's numbers and of the assistants: everything
 * @param pooledMonthlyCost the pool's part of it
 */
public record CostReport(NumberCounts numbers, NumberCounts pooledNumbers, long assistants, MonthlyCost monthlyCost,
                         MonthlyCost pooledMonthlyCost, NumberLimits limits, List<OrganizationCost> organizations) {
}
