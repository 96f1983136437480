package io.switchboard.orchestrator.reconcile;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;

/**
 * Ops: what the providers hold that nothing references (orphans, a leak that costs money), what two records claim
 * (shared) and what records name that the providers no longer hold (dangling); releasing orphans. Ops tokens only.
 */
@RestController
@RequestMapping("/api/v1/reconciliation")
public class ReconciliationController {
    private final ObjectProvider<Reconciliation> reconciliation;

    public ReconciliationController(ObjectProvider<Reconciliation> reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** @param all also list what is in order (OWNED) and organizations' own untagged numbers (FOREIGN) */
    @GetMapping
    public ReconciliationReport report(@RequestParam(defaultValue = "false") boolean all) {
        return reconciliation().report(all);
    }

    @PostMapping("/release")
    public ReleaseResult release(@RequestBody ReleaseRequest request) {
        boolean all = Boolean.TRUE.equals(request.allOrphans());
        boolean someIds = request.ids() != null && !request.ids().isEmpty();
        if (all == someIds) {
            throw ApiProblem.invalid("ids", "must list the orphans to release (ids from GET /api/v1/reconciliation) "
                    + "unless allOrphans is true, and be left out when it is");
        }
        if (someIds && request.ids().stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 100)) {
            throw ApiProblem.invalid("ids", "must be provider ids as the reconciliation lists them");
        }
        return reconciliation().release(someIds ? new LinkedHashSet<>(request.ids()) : java.util.Set.of(), all,
                Boolean.TRUE.equals(request.dryRun()));
    }

    private Reconciliation reconciliation() {
        Reconciliation available = reconciliation.getIfAvailable();
        if (available == null) {
            throw new ApiProblem(ProblemType.RECONCILIATION_DISABLED, "Reconciliation needs read access to the "
                    + "providers: set switchboard.reconcile.twilio-account-sid, .twilio-auth-token and .vapi-api-key "
                    + "(README \"Operate it\").");
        }
        return available;
    }
}
