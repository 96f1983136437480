package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.OrganizationSetupController;
import io.switchboard.orchestrator.api.StatusController;
import io.switchboard.orchestrator.api.ops.SagaFilter;
import io.switchboard.orchestrator.api.ops.SagaSearch;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;

/**
 * One organization: its line as upstream services see it, its latest sagas, and the two actions an organization's
 * own token may take through the API too — retry a failed onboarding, clean the line up — each confirmed first.
 */
@Controller
class OrganizationPagesController {
    private static final int SAGAS_SHOWN = 20;

    private final StatusController status;
    private final OrganizationSetupController setup;
    private final SagaSearch search;
    private final Clock clock;

    OrganizationPagesController(StatusController status, OrganizationSetupController setup, SagaSearch search,
                                Clock clock) {
        this.status = status;
        this.setup = setup;
        this.search = search;
        this.clock = clock;
    }

    @GetMapping("/console/organizations/{orgId}")
    String organization(@PathVariable String orgId, @RequestParam(required = false) String done,
                        HttpServletRequest request, Model model) {
        Viewer.of(request).requireVisible(orgId, "organization " + orgId);
        model.addAttribute("title", "Organization " + orgId);
        model.addAttribute("orgId", orgId);
        model.addAttribute("line", status.aiStatus(orgId));
        model.addAttribute("sagas", search.find(SagaFilter.parse(null, null, orgId, null, null, SAGAS_SHOWN, 0,
                clock)));
        model.addAttribute("now", clock.instant());
        model.addAttribute("done", "retry".equals(done) ? "Retry queued: a new onboarding starts once the "
                + "organization's current saga has ended." : "cleanup".equals(done) ? "Cleanup queued: the line is "
                + "taken down once the organization's current saga has ended." : null);
        return "console/organization";
    }

    @GetMapping("/console/organizations/{orgId}/retry")
    String confirmRetry(@PathVariable String orgId, HttpServletRequest request, Model model) {
        Viewer.of(request).requireVisible(orgId, "organization " + orgId);
        return confirm(orgId, "retry", model);
    }

    @PostMapping("/console/organizations/{orgId}/retry")
    String retry(@PathVariable String orgId, @RequestParam(required = false) String country,
                 @RequestParam(required = false) String areaCode, HttpServletRequest request, Model model) {
        Viewer.of(request).requireVisible(orgId, "organization " + orgId);
        try {
            setup.retrySetup(orgId, new OrganizationSetupController.RetrySetupRequest(blankToNull(country),
                    null, blankToNull(areaCode), null, null));
            return "redirect:" + SignInController.organizationPath(orgId) + "?done=retry";
        } catch (ApiProblem refused) {
            model.addAttribute("refused", refused.detail());
            return confirm(orgId, "retry", model);
        }
    }

    @GetMapping("/console/organizations/{orgId}/cleanup")
    String confirmCleanup(@PathVariable String orgId, HttpServletRequest request, Model model) {
        Viewer.of(request).requireVisible(orgId, "organization " + orgId);
        return confirm(orgId, "cleanup", model);
    }

    @PostMapping("/console/organizations/{orgId}/cleanup")
    String cleanup(@PathVariable String orgId, HttpServletRequest request, Model model) {
        Viewer.of(request).requireVisible(orgId, "organization " + orgId);
        try {
            setup.cleanup(orgId);
            return "redirect:" + SignInController.organizationPath(orgId) + "?done=cleanup";
        } catch (ApiProblem refused) {
            model.addAttribute("refused", refused.detail());
            return confirm(orgId, "cleanup", model);
        }
    }

    private String confirm(String orgId, String action, Model model) {
        model.addAttribute("title", ("retry".equals(action) ? "Retry the setup of " : "Clean up the line of ") + orgId);
        model.addAttribute("orgId", orgId);
        model.addAttribute("action", action);
        model.addAttribute("line", status.aiStatus(orgId));
        return "console/organization-action";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
