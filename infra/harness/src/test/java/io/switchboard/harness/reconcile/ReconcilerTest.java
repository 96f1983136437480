package io.switchboard.harness.reconcile;

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
        Resource brought = new Resource(Resource.Kind.TWILIO_NUMBER, "PN3", "+16285550100", "sb/own/acme/r-1");

        assertThat(Reconciler.reconcile(List.of(brought), references(Map.of(), List.of())))
                .singleElement().satisfies(f -> {
                    assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.BROUGHT);
                    assertThat(f.detail()).contains("own account");
                });
    }

    private static DbReferences references(Map<String, List<String>> owners, List<DbReferences.Reference> refs) {
        return new DbReferences(owners, List.of(), refs, Map.of());
    }
}
