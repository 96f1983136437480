package io.switchboard.orchestrator.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the reconciliation (provider inventory against the database) and releases orphans. A release re-runs it first
 * and touches only what is an orphan at that moment — never a resource a config, the pool or an unfinished saga
 * references, and never an organization's own number that Switchboard did not tag — VAPI registrations first, then
 * assistants, then Twilio numbers (nothing left bound to a deleted resource).
 */
public class Reconciliation {
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final ProviderInventory inventory;
    private final JdbcTemplate jdbc;

    public Reconciliation(ProviderInventory inventory, JdbcTemplate jdbc) {
        this.inventory = inventory;
        this.jdbc = jdbc;
    }

    private record Run(Inventory.Listing listing, List<Reconciler.Finding> findings) {
    }

    private Run run() {
        Inventory.Listing listing = inventory.list();
        return new Run(listing, Reconciler.reconcile(listing.resources(), DbReferences.load(jdbc::queryForList),
                listing.incomplete()));
    }

    public ReconciliationReport report(boolean all) {
        Run run = run();
        Map<Reconciler.Verdict, Long> counts = new EnumMap<>(Reconciler.Verdict.class);
        run.findings().forEach(f -> counts.merge(f.verdict(), 1L, Long::sum));
        long problems = run.findings().stream().filter(f -> f.verdict().problem()).count();
        List<ReconciliationReport.Item> items = run.findings().stream()
                .filter(f -> all || (f.verdict() != Reconciler.Verdict.OWNED && f.verdict() != Reconciler.Verdict.FOREIGN))
                .map(ReconciliationReport.Item::of).toList();
        log.info("Reconciliation: {} resources from {}, {} problem(s), {}", run.listing().resources().size(),
                inventory.source(), problems, counts);
        return new ReconciliationReport(inventory.source(), run.listing().incomplete().isEmpty(),
                run.listing().warnings(), counts, problems, items);
    }

    public ReleaseResult release(Set<String> ids, boolean allOrphans, boolean dryRun) {
        Run run = run();
        Map<String, Resource> listed = new java.util.HashMap<>();
        run.listing().resources().forEach(r -> listed.put(r.id(), r));
        Map<String, Reconciler.Finding> verdicts = new java.util.HashMap<>();
        run.findings().stream().filter(f -> listed.containsKey(f.id())).forEach(f -> verdicts.put(f.id(), f));
        Set<String> wanted = new LinkedHashSet<>(allOrphans ? run.findings().stream()
                .filter(f -> f.verdict() == Reconciler.Verdict.ORPHAN).map(Reconciler.Finding::id).toList() : ids);

        List<ReleaseResult.Outcome> results = new ArrayList<>();
        List<Resource> toRelease = new ArrayList<>();
        for (String id : wanted) {
            Reconciler.Finding finding = verdicts.get(id);
            if (finding == null) {
                results.add(new ReleaseResult.Outcome(id, null, null, "NOT_FOUND", "no provider resource " + id
                        + " was listed"));
            } else if (finding.verdict() != Reconciler.Verdict.ORPHAN) {
                results.add(new ReleaseResult.Outcome(id, finding.kind(), finding.label(), "NOT_AN_ORPHAN",
                        finding.verdict() + ": " + finding.detail()));
            } else if (dryRun) {
                results.add(new ReleaseResult.Outcome(id, finding.kind(), finding.label(), "WOULD_RELEASE",
                        "in " + listed.get(id).account()));
            } else {
                toRelease.add(listed.get(id));
            }
        }
        toRelease.sort(Comparator.comparing(r -> releaseOrder(r.kind())));
        for (Resource resource : toRelease) {
            try {
                inventory.release(resource);
                log.info("Released orphan {} {} ({}) in {}", resource.kind(), resource.id(), resource.label(),
                        resource.account());
                results.add(new ReleaseResult.Outcome(resource.id(), resource.kind(), resource.label(), "RELEASED",
                        "in " + resource.account()));
            } catch (RuntimeException e) {
                log.warn("Could not release orphan {} {}: {}", resource.kind(), resource.id(), e.getMessage());
                results.add(new ReleaseResult.Outcome(resource.id(), resource.kind(), resource.label(), "ERROR",
                        e.getMessage()));
            }
        }
        String done = dryRun ? "WOULD_RELEASE" : "RELEASED";
        int released = (int) results.stream().filter(r -> r.outcome().equals(done)).count();
        return new ReleaseResult(dryRun, released, results.size() - released, results);
    }

    private static int releaseOrder(Resource.Kind kind) {
        return switch (kind) {
            case VAPI_PHONE_NUMBER -> 0;
            case VAPI_ASSISTANT -> 1;
            case TWILIO_NUMBER -> 2;
        };
    }
}
