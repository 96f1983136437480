package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.PoolController;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.pool.PoolProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The number pool: what it holds now (the API's stats), its levels over time, and buying ahead of demand or releasing
 * idle numbers now, each confirmed first (both cost or save money). Ops only, like the API's pool endpoints.
 */
@Controller
class PoolPagesController {
    private static final List<Integer> WINDOWS = List.of(1, 7, 30);

    private final PoolController pool;
    private final PoolLevels levels;
    private final PoolProperties properties;
    private final Clock clock;

    PoolPagesController(PoolController pool, PoolLevels levels, PoolProperties properties, Clock clock) {
        this.pool = pool;
        this.levels = levels;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/pool")
    String pool(@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) String done,
                HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("The number pool page");
        int window = WINDOWS.contains(days) ? days : 7;
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(window));
        List<PoolLevels.Sample> samples = levels.since(from);
        model.addAttribute("title", "Number pool");
        model.addAttribute("stats", pool.stats());
        model.addAttribute("days", window);
        model.addAttribute("windows", WINDOWS);
        model.addAttribute("chart", PoolChart.of(samples, from, to));
        List<PoolLevels.Sample> recent = new ArrayList<>(samples.subList(Math.max(0, samples.size() - 12),
                samples.size()));
        Collections.reverse(recent);
        model.addAttribute("recent", recent);
        model.addAttribute("policy", properties.releasePolicy().name());
        model.addAttribute("idleAfter", properties.idleReleaseAfter());
        model.addAttribute("maxProvision", properties.maxProvisionPerRequest());
        model.addAttribute("done", "provision".equals(done) ? "Purchases started: one saga per number."
                : "release".equals(done) ? "Releases started for the idle numbers found." : null);
        return "console/pool";
    }

    @GetMapping("/console/pool/provision")
    String confirmProvision(@RequestParam(defaultValue = "1") int count,
                            @RequestParam(defaultValue = "US") String country,
                            @RequestParam(required = false) String areaCode, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Buying pool numbers");
        model.addAttribute("title", "Buy numbers for the pool");
        model.addAttribute("count", count);
        model.addAttribute("country", country);
        model.addAttribute("areaCode", areaCode);
        model.addAttribute("maxProvision", properties.maxProvisionPerRequest());
        return "console/pool-provision";
    }

    @PostMapping("/console/pool/provision")
    String provision(@RequestParam(defaultValue = "1") int count, @RequestParam(defaultValue = "US") String country,
                     @RequestParam(required = false) String areaCode, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Buying pool numbers");
        try {
            pool.provision(new PoolController.ProvisionRequest(count, country.trim(),
                    areaCode == null || areaCode.isBlank() ? null : areaCode.trim()));
            return "redirect:/console/pool?done=provision";
        } catch (ApiProblem refused) {
            model.addAttribute("refused", refused.detail());
            return confirmProvision(count, country, areaCode, request, model);
        }
    }

    @GetMapping("/console/pool/release-idle")
    String confirmReleaseIdle(HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Releasing idle pool numbers");
        model.addAttribute("title", "Release idle pool numbers");
        model.addAttribute("idleAfter", properties.idleReleaseAfter());
        return "console/pool-release";
    }

    @PostMapping("/console/pool/release-idle")
    String releaseIdle(HttpServletRequest request) {
        Viewer.of(request).requireOps("Releasing idle pool numbers");
        pool.releaseIdle();
        return "redirect:/console/pool?done=release";
    }
}
