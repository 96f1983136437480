package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.reconcile.Reconciler;
import io.switchboard.orchestrator.reconcile.ReconciliationController;
import io.switchboard.orchestrator.reconcile.ReconciliationReport;
import io.switchboard.orchestrator.reconcile.ReleaseRequest;
import io.switchboard.orchestrator.reconcile.ReleaseResult;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/**
 * The reconciliation: what the providers hold against what the database references, grouped by verdict (the problems
 * first; what is in order only when asked), and releasing orphans — chosen ones or all of them — behind a confirmation
 * page showing the API's dry run. Ops only, like the API's reconciliation endpoints, which this page calls so the
 * rules (what may be released, in what order) stay in one place.
 */
@Controller
class ReconciliationPagesController {
    /** Problems first, then what is held for a reason; what is in order only with "show all". */
    private static final List<Reconciler.Verdict> ORDER = List.of(Reconciler.Verdict.ORPHAN,
            Reconciler.Verdict.SHARED, Reconciler.Verdict.DANGLING, Reconciler.Verdict.HELD,
            Reconciler.Verdict.OWNED, Reconciler.Verdict.FOREIGN, Reconciler.Verdict.BROUGHT);

    private final ReconciliationController reconciliation;

    ReconciliationPagesController(ReconciliationController reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** One verdict's findings, with the count of all of them (the report lists OWNED and FOREIGN only with all). */
    public record Group(Reconciler.Verdict verdict, long count, List<ReconciliationReport.Item> items) {
    }

    @GetMapping("/console/reconciliation")
    String report(@RequestParam(defaultValue = "false") boolean all, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("The reconciliation page");
        model.addAttribute("title", "Reconciliation");
        model.addAttribute("all", all);
        disabled(model, () -> {
            ReconciliationReport report = reconciliation.report(all);
            List<Group> groups = new ArrayList<>();
            for (Reconciler.Verdict verdict : ORDER) {
                List<ReconciliationReport.Item> items = report.findings().stream()
                        .filter(i -> i.verdict() == verdict).toList();
                long count = report.counts().getOrDefault(verdict, 0L);
                if (verdict.problem() || verdict == Reconciler.Verdict.HELD || all || !items.isEmpty()) {
                    groups.add(new Group(verdict, Math.max(count, items.size()), items));
                }
            }
            model.addAttribute("report", report);
            model.addAttribute("groups", groups);
            model.addAttribute("orphans", report.counts().getOrDefault(Reconciler.Verdict.ORPHAN, 0L));
        });
        return "console/reconciliation";
    }

    @GetMapping("/console/reconciliation/release")
    String confirmRelease(@RequestParam(name = "id", required = false) List<String> ids,
                          @RequestParam(defaultValue = "false") boolean allOrphans, HttpServletRequest request,
                          Model model) {
        Viewer.of(request).requireOps("Releasing orphans");
        model.addAttribute("title", "Release orphans");
        List<String> chosen = chosen(ids, allOrphans);
        model.addAttribute("ids", chosen);
        model.addAttribute("allOrphans", allOrphans);
        if (!allOrphans && chosen.isEmpty()) {
            model.addAttribute("refused", "Choose at least one orphan on the reconciliation page, or release all of "
                    + "them.");
            return "console/reconciliation-release";
        }
        if (disabled(model, () -> model.addAttribute("dryRun", reconciliation.release(
                new ReleaseRequest(allOrphans ? null : chosen, allOrphans ? Boolean.TRUE : null, true))))) {
            return "console/reconciliation";
        }
        return "console/reconciliation-release";
    }

    @PostMapping("/console/reconciliation/release")
    String release(@RequestParam(name = "id", required = false) List<String> ids,
                   @RequestParam(defaultValue = "false") boolean allOrphans, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Releasing orphans");
        List<String> chosen = chosen(ids, allOrphans);
        // Validated by the API's own rules (ids or all, never both): a refusal is shown as the API words it.
        ReleaseResult result = reconciliation.release(new ReleaseRequest(allOrphans ? null : chosen,
                allOrphans ? Boolean.TRUE : null, false));
        model.addAttribute("title", "Orphans released");
        model.addAttribute("result", result);
        return "console/reconciliation-released";
    }

    private static List<String> chosen(List<String> ids, boolean allOrphans) {
        return allOrphans || ids == null ? List.of()
                : ids.stream().filter(id -> id != null && !id.isBlank()).map(String::trim).distinct().toList();
    }

    /**
     * Runs the page's work; without provider access (the API's 503 reconciliation-disabled) the page says so and how
     * to enable it instead of failing.
     */
    private static boolean disabled(Model model, Runnable work) {
        try {
            work.run();
            return false;
        } catch (ApiProblem problem) {
            if (problem.type() != ProblemType.RECONCILIATION_DISABLED) {
                throw problem;
            }
            model.addAttribute("disabled", problem.detail());
            return true;
        }
    }
}
