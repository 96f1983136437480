package io.switchboard.orchestrator.costs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What it costs: {@code /costs} is ops-only (every organization); {@code /organizations/{orgId}/costs} is also open
 * to that organization's token and, like every organization path, answers 404 to another organization's
 * ({@code AccessPolicy}).
 */
@RestController
@RequestMapping("/api/v1")
public class CostController {
    private final Costs costs;

    public CostController(Costs costs) {
        this.costs = costs;
    }

    @GetMapping("/costs")
    public CostReport all() {
        return costs.report();
    }

    @GetMapping("/organizations/{orgId}/costs")
    public OrganizationCost organization(@PathVariable String orgId) {
        return costs.of(orgId);
    }
}
