package io.switchboard.harness.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares provider inventory with database references. Each provider resource is exactly one of: OWNED (one config
 * or pool row), HELD (no config yet, but a running / compensating / parked saga has it in its data — not an orphan,
 * ops see the saga), ORPHAN (nothing references it: a leak; releasable), or SHARED (more than one reference: two
 * organizations on one paid resource, or a number both a line and the pool claim). Config and pool references to
 * resources the provider does not have are DANGLING (a number released at Twilio that a row still names). A number
 * an organization brought from its own Twilio account that no line uses any more is BROUGHT: the organization's, left
 * where it was on purpose, not a leak.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public enum Verdict { OWNED, HELD, ORPHAN, SHARED, DANGLING, BROUGHT }

    /** The owner tag of a number an organization brought from its own Twilio account ({@code sb/own/<org>/…}). */
    private static final String BROUGHT_TAG = "sb/own/";

    private static final Set<String> UNFINISHED = Set.of("RUNNING", "COMPENSATING", "FAILED");

    public record Finding(Verdict verdict, Resource.Kind kind, String id, String label, String detail) {
        @Override
        public String toString() {
            return verdict + " " + kind + " " + id + (label == null || label.isEmpty() ? "" : " (" + label + ")") + ": " + detail;
        }
    }

    public static List<Finding> reconcile(List<Resource> inventory, DbReferences db) {
        List<Finding> findings = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (Resource r : inventory) {
            held.add(r.id());
            List<String> owners = db.ownersOf(r.id());
            if (owners.size() == 1) {
                findings.add(new Finding(Verdict.OWNED, r.kind(), r.id(), r.label(), owners.get(0)));
            } else if (owners.size() > 1) {
                findings.add(new Finding(Verdict.SHARED, r.kind(), r.id(), r.label(), String.join(", ", owners)));
            } else {
                List<DbReferences.SagaData> sagas = db.sagasHolding(r.id());
                String creator = DbReferences.creatingSaga(r.tag()).orElse(null);
                String creatorState = creator == null ? null : db.stateOf(creator);
                if (!sagas.isEmpty()) {
                    findings.add(new Finding(Verdict.HELD, r.kind(), r.id(), r.label(), sagas.stream()
                            .map(s -> "saga " + s.id() + " " + s.state() + " org " + s.orgId()).toList().toString()));
                } else if (creatorState != null && UNFINISHED.contains(creatorState)) {
                    // Created for a saga that has not (or not yet) recorded it: the saga is visible to ops, but
                    // replaying it must find the resource by its tag, or it leaks.
                    findings.add(new Finding(Verdict.HELD, r.kind(), r.id(), r.label(), "tagged by saga " + creator + " "
                            + creatorState + ", whose data does not record it (its reply was never applied)"));
                } else if (r.kind() == Resource.Kind.TWILIO_NUMBER && r.tag() != null && r.tag().startsWith(BROUGHT_TAG)) {
                    // The organization's own number, left in its account when its line went: theirs, not a leak.
                    findings.add(new Finding(Verdict.BROUGHT, r.kind(), r.id(), r.label(), "an organization's own "
                            + "number, kept in its own account (tag " + r.tag() + "); never Switchboard's to release"));
                } else {
                    findings.add(new Finding(Verdict.ORPHAN, r.kind(), r.id(), r.label(),
                            "no config, pool row or unfinished saga references it; tag " + r.tag()
                                    + (creator == null ? "" : ", created by saga " + creator + " (" + (creatorState == null ? "unknown" : creatorState) + ")")));
                }
            }
        }
        for (DbReferences.Reference ref : db.references()) {
            if (!held.contains(ref.id())) {
                findings.add(new Finding(Verdict.DANGLING, ref.kind(), ref.id(), null,
                        ref.holder() + " points at nothing the provider holds"));
            }
        }
        findings.sort(Comparator.comparing(Finding::verdict).thenComparing(Finding::kind).thenComparing(Finding::id));
        return findings;
    }
}
