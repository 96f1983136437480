package io.switchboard.orchestrator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts, from an inventory and the references the database holds (no system needed). */
class ReconcilerTest {
    private static final Resource NUMBER = new Resource(Resource.Kind.TWILIO_NUMBER, "PN1", "+15105550100", "sb/pool/r");

    @Test
    void aNumberOnlyThePoolHoldsIsOwnedByThePool() {
        DbReferences db = references(Map.of("PN1", List.of("number_pool[AVAILABLE]")),
                List.of(new DbReferences.Reference("number_pool[AVAILABLE]", Resource.Kind.TWILIO_NUMBER, "PN1")));

        assertThat(Reconciler.reconcile(List.of(NUMBER), db)).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.OWNED);
            assertThat(f.detail()).isEqualTo("number_pool[AVAILABLE]");
        });
    }

    @Test
    void aNumberALineAndThePoolBothClaimIsCountedTwice() {
        DbReferences db = references(Map.of("PN1", List.of("ai_config[acme].number_sid", "number_pool[ASSIGNED]")),
                List.of(new DbReferences.Reference("ai_config[acme].number_sid (status active)",
                                Resource.Kind.TWILIO_NUMBER, "PN1"),
                        new DbReferences.Reference("number_pool[ASSIGNED]", Resource.Kind.TWILIO_NUMBER, "PN1")));

        assertThat(Reconciler.reconcile(List.of(NUMBER), db)).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.SHARED);
            assertThat(f.detail()).contains("ai_config[acme]").contains("number_pool[ASSIGNED]");
        });
    }

    @Test
    void aPoolRowForANumberTwilioNoLongerHoldsIsDangling() {
        DbReferences db = references(Map.of("PN2", List.of("number_pool[ASSIGNED]")),
                List.of(new DbReferences.Reference("number_pool[ASSIGNED]", Resource.Kind.TWILIO_NUMBER, "PN2")));

        assertThat(Reconciler.reconcile(List.of(), db)).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.DANGLING);
            assertThat(f.kind()).isEqualTo(Resource.Kind.TWILIO_NUMBER);
            assertThat(f.id()).isEqualTo("PN2");
            assertThat(f.detail()).startsWith("number_pool[ASSIGNED] points at nothing");
        });
    }

    @Test
    void aNumberNothingReferencesIsAnOrphan() {
        assertThat(Reconciler.reconcile(List.of(NUMBER), references(Map.of(), List.of())))
                .singleElement().satisfies(f -> assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.ORPHAN));
    }

    @Test
    void aBroughtNumberNoLineUsesIsTheOrganizationsNotALeak() {
        Resource brought = new Resource(Resource.Kind.TWILIO_NUMBER, "PN3", "+16285550100", "sb/own/acme/r-1",
                new Resource.Account("acme", "cred-1", "AC" + "1".repeat(32)));

        assertThat(Reconciler.reconcile(List.of(brought), references(Map.of(), List.of())))
                .singleElement().satisfies(f -> {
                    assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.BROUGHT);
                    assertThat(f.detail()).contains("own account");
                });
        assertThat(Reconciler.Verdict.BROUGHT.problem()).isFalse();
    }

    @Test
    void aTrialAccountsHandedBackNumberIsTheAccountHoldersNotALeak() {
        Resource handedBack = new Resource(Resource.Kind.TWILIO_NUMBER, "PN4", "+16285550104",
                "sb/unassigned/onboarding-s1-acquire-number", new Resource.Account("acme", "cred-1", "AC" + "2".repeat(32)));
        // Seen through a view of every account (the simulators' admin inventory): known by its SID only.
        Resource seenByAdmin = new Resource(Resource.Kind.TWILIO_NUMBER, "PN5", "+16285550105",
                "sb/unassigned/onboarding-s2-acquire-number", Resource.Account.other("AC" + "3".repeat(32)));

        assertThat(Reconciler.reconcile(List.of(handedBack, seenByAdmin), references(Map.of(), List.of())))
                .extracting(Reconciler.Finding::id, Reconciler.Finding::verdict).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PN4", Reconciler.Verdict.BROUGHT),
                        org.assertj.core.groups.Tuple.tuple("PN5", Reconciler.Verdict.BROUGHT));
        assertThat(Resource.Account.other("AC" + "3".repeat(32)).platform()).isFalse();
        // Nobody hands a number back in the platform's account: there the tag is no excuse, it is a leak.
        assertThat(Reconciler.reconcile(List.of(new Resource(Resource.Kind.TWILIO_NUMBER, "PN6", "+16285550106",
                "sb/unassigned/onboarding-s3-acquire-number")), references(Map.of(), List.of()))).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.ORPHAN));
    }

    @Test
    void inAnOrganizationsOwnAccountOnlyWhatSwitchboardTaggedCanBeAnOrphan() {
        Resource.Account tenant = new Resource.Account("acme", "cred-1", "AC" + "1".repeat(32));
        Resource ours = new Resource(Resource.Kind.TWILIO_NUMBER, "PN7", "+15105550107", "sb/org/acme/#0123456789abcdef",
                tenant);
        Resource theirs = new Resource(Resource.Kind.TWILIO_NUMBER, "PN8", "+15105550108", "Front desk", tenant);

        List<Reconciler.Finding> findings = Reconciler.reconcile(List.of(ours, theirs), references(Map.of(), List.of()));

        assertThat(findings).extracting(Reconciler.Finding::id, Reconciler.Finding::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PN7", Reconciler.Verdict.ORPHAN),
                org.assertj.core.groups.Tuple.tuple("PN8", Reconciler.Verdict.FOREIGN));
        assertThat(findings.get(0).account()).isEqualTo(tenant);
        assertThat(findings.get(0).toString()).contains("in org acme credential cred-1");
        assertThat(Reconciler.Verdict.FOREIGN.problem()).isFalse();
        // The platform's own account is Switchboard's: an untagged number there is an orphan.
        assertThat(Reconciler.reconcile(List.of(new Resource(Resource.Kind.TWILIO_NUMBER, "PN9", "+15105550109",
                "Front desk")), references(Map.of(), List.of()))).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.ORPHAN));
    }

    @Test
    void nothingIsDanglingOfAKindThatWasNotListedCompletely() {
        DbReferences db = references(Map.of("PN2", List.of("number_pool[AVAILABLE]")),
                List.of(new DbReferences.Reference("number_pool[AVAILABLE]", Resource.Kind.TWILIO_NUMBER, "PN2")));

        assertThat(Reconciler.reconcile(List.of(), db, java.util.Set.of(Resource.Kind.TWILIO_NUMBER))).isEmpty();
        assertThat(Reconciler.reconcile(List.of(), db, java.util.Set.of(Resource.Kind.VAPI_ASSISTANT)))
                .singleElement().satisfies(f -> assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.DANGLING));
    }

    @Test
    void theCreatingSagaIsReadFromOwnerTagsAndOldTags() {
        assertThat(DbReferences.creatingSaga("sb/org/acme/1b2c:acquire-number")).contains("1b2c");
        assertThat(DbReferences.creatingSaga("sb:1b2c:acquire-number")).contains("1b2c");
        assertThat(DbReferences.creatingSaga("1b2c:create-inbound-assistant")).contains("1b2c");
        assertThat(DbReferences.creatingSaga("")).isEmpty();
    }

    private static DbReferences references(Map<String, List<String>> owners, List<DbReferences.Reference> refs) {
        return new DbReferences(owners, List.of(), refs, Map.of());
    }
}
