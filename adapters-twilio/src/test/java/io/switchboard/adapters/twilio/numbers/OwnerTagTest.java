package io.switchboard.adapters.twilio.numbers;

import io.switchboard.contracts.commands.NumberOwner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerTagTest {
    private static final String LEGACY = "sb:";
    private static final String SAGA_REQUEST = "3f2c9a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b:take-pooled-number";
    private static final NumberOwner ACME = NumberOwner.organization("acme-1a2b3c4d");

    @Test
    void shortIdsAreWrittenAsTheyAreSoTheConsoleShowsWhoseNumberItIs() {
        assertThat(OwnerTag.boughtFor(ACME, "saga-1:acquire-number").friendlyName())
                .isEqualTo("sb/org/acme-1a2b3c4d/saga-1:acquire-number");
        assertThat(OwnerTag.lentTo("acme-1a2b3c4d", "r-1").friendlyName()).isEqualTo("sb/trial/acme-1a2b3c4d/r-1");
        assertThat(OwnerTag.boughtFor(NumberOwner.pool(), "r-2").friendlyName()).isEqualTo("sb/pool/r-2");
        assertThat(OwnerTag.heldBy(NumberOwner.unassigned(), "r-3").friendlyName()).isEqualTo("sb/unassigned/r-3");
    }

    @Test
    void longOrOddIdsAreHashedDeterministicallyAndEveryTagFitsSixtyFourCharacters() {
        String longOrg = "organization-with-a-very-long-identifier-0123456789abcdef";
        OwnerTag tag = OwnerTag.lentTo(longOrg, SAGA_REQUEST);

        assertThat(tag.friendlyName()).hasSizeLessThanOrEqualTo(OwnerTag.MAX_LENGTH).startsWith("sb/trial/#")
                .isEqualTo(OwnerTag.lentTo(longOrg, SAGA_REQUEST).friendlyName());
        assertThat(tag.friendlyName()).isNotEqualTo(OwnerTag.lentTo(longOrg, SAGA_REQUEST + ":undo").friendlyName());
        assertThat(OwnerTag.boughtFor(NumberOwner.organization("Acme Inc/West"), "r").friendlyName())
                .as("a slash or space never reaches the tag").matches("sb/org/#[0-9a-f]{16}/r");
        String thirtyChars = "o".repeat(30);
        String twentyFour = "r".repeat(24);
        assertThat(OwnerTag.lentTo(thirtyChars, twentyFour).friendlyName()).hasSize(OwnerTag.MAX_LENGTH);
        assertThat(OwnerTag.lentTo(thirtyChars + "x", twentyFour + "x").friendlyName()).hasSizeLessThan(OwnerTag.MAX_LENGTH);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameOwner() {
        for (OwnerTag written : new OwnerTag[]{OwnerTag.boughtFor(ACME, SAGA_REQUEST), OwnerTag.lentTo("acme", "r"),
                OwnerTag.boughtFor(NumberOwner.pool(), SAGA_REQUEST), OwnerTag.heldBy(NumberOwner.unassigned(), "r")}) {
            assertThat(OwnerTag.parse(written.friendlyName(), LEGACY)).isEqualTo(written);
        }
        OwnerTag hashed = OwnerTag.parse(OwnerTag.boughtFor(NumberOwner.organization("x".repeat(50)), "r").friendlyName(), LEGACY);
        assertThat(hashed.names(NumberOwner.organization("x".repeat(50)))).isTrue();
        assertThat(hashed.names(NumberOwner.organization("x".repeat(49)))).isFalse();
    }

    @Test
    void oldTagsAndForeignNamesAreRecognised() {
        assertThat(OwnerTag.parse("sb:" + SAGA_REQUEST, LEGACY).kind()).isEqualTo(OwnerTag.Kind.LEGACY);
        assertThat(OwnerTag.parse("(415) 555-0100", LEGACY).kind()).isEqualTo(OwnerTag.Kind.FOREIGN);
        assertThat(OwnerTag.parse(null, LEGACY).kind()).isEqualTo(OwnerTag.Kind.FOREIGN);
        assertThat(OwnerTag.parse("sb/org/acme", LEGACY).kind()).as("malformed").isEqualTo(OwnerTag.Kind.FOREIGN);
        assertThat(OwnerTag.parse("sb/vip/acme/r", LEGACY).kind()).isEqualTo(OwnerTag.Kind.FOREIGN);
        assertThat(OwnerTag.parse("sb:" + SAGA_REQUEST, "").kind()).as("no legacy prefix configured").isEqualTo(OwnerTag.Kind.FOREIGN);
    }

    @Test
    void onlyTheOwnerReleasesAndNeverATrialAccountsOwnNumber() {
        NumberOwner other = NumberOwner.organization("globex");
        OwnerTag ofAcme = OwnerTag.boughtFor(ACME, "r");
        OwnerTag pooled = OwnerTag.boughtFor(NumberOwner.pool(), "r");

        assertThat(ofAcme.releasableBy(ACME)).isTrue();
        assertThat(ofAcme.releasableBy(other)).isFalse();
        assertThat(ofAcme.releasableBy(NumberOwner.pool())).isFalse();
        assertThat(pooled.releasableBy(NumberOwner.pool())).isTrue();
        assertThat(pooled.releasableBy(ACME)).isFalse();
        assertThat(OwnerTag.lentTo(ACME.orgId(), "r").releasableBy(ACME)).isFalse();
        assertThat(OwnerTag.heldBy(NumberOwner.unassigned(), "r").releasableBy(ACME)).isFalse();
        assertThat(OwnerTag.parse("(415) 555-0100", LEGACY).releasableBy(ACME)).isFalse();
        assertThat(OwnerTag.parse("sb:old", LEGACY).releasableBy(ACME)).isTrue();
    }

    @Test
    void aTrialNumberIsClaimedOnlyWhenNoOtherOrganizationsLineUsesIt() {
        assertThat(OwnerTag.parse("(415) 555-0100", LEGACY).claimableBy("acme")).isTrue();
        assertThat(OwnerTag.heldBy(NumberOwner.unassigned(), "r").claimableBy("acme")).isTrue();
        assertThat(OwnerTag.lentTo("acme", "r").claimableBy("acme")).isTrue();
        assertThat(OwnerTag.lentTo("globex", "r").claimableBy("acme")).isFalse();
        assertThat(OwnerTag.boughtFor(NumberOwner.organization("globex"), "r").claimableBy("acme")).isFalse();
        assertThat(OwnerTag.boughtFor(NumberOwner.pool(), "r").claimableBy("acme")).isFalse();
        assertThat(OwnerTag.parse("sb:old", LEGACY).claimableBy("acme")).as("owner unknown: maybe someone's line").isFalse();
    }

    @Test
    void nothingIsBoughtForNobody() {
        assertThatThrownBy(() -> OwnerTag.boughtFor(NumberOwner.unassigned(), "r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBroughtNumberIsItsOrganizationsNeverReleasedAndBroughtAgainOnlyByIt() {
        OwnerTag brought = OwnerTag.broughtBy("acme-1a2b3c4d", "r-9");
        assertThat(brought.friendlyName()).isEqualTo("sb/own/acme-1a2b3c4d/r-9");
        OwnerTag read = OwnerTag.parse(brought.friendlyName(), LEGACY);
        assertThat(read.kind()).isEqualTo(OwnerTag.Kind.OWN);
        assertThat(read.names(ACME)).isTrue();
        assertThat(read.releasableBy(ACME)).as("never released, not even by its organization").isFalse();
        assertThat(read.releasableBy(NumberOwner.pool())).isFalse();
        assertThat(read.bringableBy("acme-1a2b3c4d")).isTrue();
        assertThat(read.bringableBy("other-org")).isFalse();
        assertThat(read.claimableBy("other-org")).as("nor claimed as another's trial number").isFalse();
        assertThat(read.describe()).contains("acme-1a2b3c4d").contains("brought");

        assertThat(OwnerTag.parse("Main line", LEGACY).bringableBy("acme-1a2b3c4d")).as("never tagged").isTrue();
        assertThat(OwnerTag.parse("sb/unassigned/r-1", LEGACY).bringableBy("acme-1a2b3c4d")).as("handed back").isTrue();
        assertThat(OwnerTag.parse(OwnerTag.boughtFor(ACME, "r-1").friendlyName(), LEGACY).bringableBy("acme-1a2b3c4d"))
                .as("a number Switchboard bought serves a line").isFalse();
        assertThat(OwnerTag.parse("sb/pool/r-1", LEGACY).bringableBy("acme-1a2b3c4d")).isFalse();
        assertThat(OwnerTag.broughtBy("o".repeat(30), "r".repeat(24)).friendlyName()).hasSizeLessThanOrEqualTo(OwnerTag.MAX_LENGTH);
    }
}
