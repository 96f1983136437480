package io.switchboard.orchestrator.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares provider inventory with database references. Each provider resource is exactly one of: OWNED (one config
 * or pool row), HELD (no config yet, but a running / compensating / parked saga has it in its data — not an orphan,
 * ops see the saga), ORPHAN (nothing references it: a leak; releasable), SHARED (more than one reference: two
 * organizations on one paid resource, or a number both a line and the pool claim), or FOREIGN (in an organization's
 * own Twilio account without a Switchboard tag: the organization's own business, never judged, never released), or
 * BROUGHT (a number of the organization's own account that no line uses any more — one it brought, tag
 * {@code sb/own/<org>/…}, or a trial account's one number handed back, tag {@code sb/unassigned/…}: left where it was
 * on purpose, never released).
 * Config and pool references to resources the provider does not have are DANGLING (a number released at Twilio that a
 * row still names) — unless the listing of that kind was incomplete, when nothing can be concluded.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public enum Verdict { OWNED, HELD, ORPHAN, SHARED, DANGLING, FOREIGN, BROUGHT;

        /** Something for ops to act on. */
        public boolean problem() {
            return this == ORPHAN || this == SHARED || this == DANGLING;
        }
    }

    private static final Set<String> UNFINISHED = Set.of("RUNNING", "COMPENSATING", "FAILED");

    /** The owner tag of a number an organization brought from its own Twilio account ({@code sb/own/<org>/…}). */
    private static final String BROUGHT_TAG = "sb/own/";

    /** The owner tag of a trial account's own number that Switchboard handed back ({@code sb/unassigned/…}). */
    private static final String HANDED_BACK_TAG = "sb/unassigned/";

    /** @param account whose provider account holds it; null for a dangling reference (nothing holds it) */
    public record Finding(Verdict verdict, Resource.Kind kind, String id, String label, String detail,
                          Resource.Account account) {
        public Finding(Verdict verdict, Resource.Kind kind, String id, String label, String detail) {
            this(verdict, kind, id, label, detail, null);
        }

        @Override
        public String toString() {
            return verdict + " " + kind + " " + id + (label == null || label.isEmpty() ? "" : " (" + label + ")")
                    + (account == null || account.platform() ? "" : " in " + account) + ": " + detail;
        }
    }

    public static List<Finding> reconcile(List<Resource> inventory, DbReferences db) {
        return reconcile(inventory, db, Set.of());
    }

    /** @param incomplete kinds not listed completely: no DANGLING verdict for those */
    public static List<Finding> reconcile(List<Resource> inventory, DbReferences db, Set<Resource.Kind> incomplete) {
        List<Finding> findings = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (Resource r : inventory) {
            held.add(r.id());
            List<String> owners = db.ownersOf(r.id());
            if (owners.size() == 1) {
                findings.add(finding(Verdict.OWNED, r, owners.get(0)));
            } else if (owners.size() > 1) {
                findings.add(finding(Verdict.SHARED, r, String.join(", ", owners)));
            } else {
                List<DbReferences.SagaData> sagas = db.sagasHolding(r.id());
                String creator = DbReferences.creatingSaga(r.tag()).orElse(null);
                String creatorState = creator == null ? null : db.stateOf(creator);
                if (!sagas.isEmpty()) {
                    findings.add(finding(Verdict.HELD, r, sagas.stream()
                            .map(s -> "saga " + s.id() + " " + s.state() + " org " + s.orgId()).toList().toString()));
                } else if (creatorState != null && UNFINISHED.contains(creatorState)) {
                    // Created for a saga that has not (or not yet) recorded it: the saga is visible to ops, but
                    // replaying it must find the resource by its tag, or it leaks.
                    findings.add(finding(Verdict.HELD, r, "tagged by saga " + creator + " " + creatorState
                            + ", whose data does not record it (its reply was never applied)"));
                } else if (r.kind() == Resource.Kind.TWILIO_NUMBER && r.tag() != null && r.tag().startsWith(BROUGHT_TAG)) {
                    // Checked before ORPHAN: the tag starts with "sb/", yet the number was never Switchboard's to release.
                    findings.add(finding(Verdict.BROUGHT, r, "an organization's own number, kept in its own account "
                            + "(tag " + r.tag() + "); never Switchboard's to release"));
                } else if (handedBackTrialNumber(r)) {
                    // A trial account has exactly one number, which its lines take turns on; between turns it is the
                    // account holder's. In the platform's account the same tag would be a leak: nobody hands back there.
                    findings.add(finding(Verdict.BROUGHT, r, "a trial account's own number, handed back (tag "
                            + r.tag() + "); the account holder's, never Switchboard's to release"));
                } else if (r.account() != null && !r.account().platform() && !r.taggedBySwitchboard()) {
                    findings.add(finding(Verdict.FOREIGN, r, "in the organization's own account, not tagged by "
                            + "Switchboard (tag " + r.tag() + "): not Switchboard's to judge"));
                } else {
                    findings.add(finding(Verdict.ORPHAN, r,
                            "no config, pool row or unfinished saga references it; tag " + r.tag()
                                    + (creatorState == null ? "" : ", created by saga " + creator + " (" + creatorState + ")")));
                }
            }
        }
        for (DbReferences.Reference ref : db.references()) {
            if (!held.contains(ref.id()) && !incomplete.contains(ref.kind())) {
                findings.add(new Finding(Verdict.DANGLING, ref.kind(), ref.id(), null,
                        ref.holder() + " points at nothing the provider holds"));
            }
        }
        findings.sort(Comparator.comparing(Finding::verdict).thenComparing(Finding::kind).thenComparing(Finding::id));
        return findings;
    }

    private static boolean handedBackTrialNumber(Resource r) {
        return r.kind() == Resource.Kind.TWILIO_NUMBER && r.tag() != null && r.tag().startsWith(HANDED_BACK_TAG)
                && r.account() != null && !r.account().platform();
    }

    private static Finding finding(Verdict verdict, Resource r, String detail) {
        return new Finding(verdict, r.kind(), r.id(), r.label(), detail, r.account());
    }
}
