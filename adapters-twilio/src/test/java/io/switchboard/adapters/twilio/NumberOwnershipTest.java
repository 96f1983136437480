package io.switchboard.adapters.twilio;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.sim.twilio.TwilioSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Releases and re-tags act only on a number the command's owner holds, by the owner tag Twilio holds; AssignNumber
 * moves a number between an organization and the pool, compare-and-set.
 */
class NumberOwnershipTest {
    private static final String DELETE = "DeleteIncomingPhoneNumber";
    private static final TwilioAccount PLATFORM = new TwilioAccount("platform", DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    private static TwilioSimulator simulator;
    private TwilioHarness harness;

    @BeforeAll
    static void startSimulator() {
        simulator = TwilioSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    }

    private NumberAcquired buy(String orgId, String requestId) {
        return (NumberAcquired) harness.acquire(new AcquireNumber(orgId, requestId, "US", "415", false, null));
    }

    @Test
    void anotherOrganizationsNumberIsNeverReleased() {
        NumberAcquired ofA = buy("org-a", "saga-a:acquire-number");

        Reply reply = harness.release(new ReleaseNumber("org-b", "saga-b:release-number", ofA.numberSid(),
                ofA.phoneNumber(), null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains(ofA.phoneNumber()).contains("org-a").contains("org-b");
        });
        assertThat(simulator.ownedNumbers()).singleElement().satisfies(n -> assertThat(n.sid()).isEqualTo(ofA.numberSid()));
        assertThat(simulator.releasedNumbers()).isEmpty();
        assertThat(simulator.stats().count(DELETE)).isZero();
    }

    @Test
    void aNumberSwitchboardDidNotTagIsNeverReleased() {
        // Bought in the Twilio console: Twilio's default FriendlyName, no owner tag.
        String sid = harness.numbers.purchase(PLATFORM, "+14155550100", "(415) 555-0100").sid();

        Reply reply = harness.release(new ReleaseNumber("org-a", "saga-a:release-number", sid, "+14155550100", null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("not tagged by Switchboard");
        });
        assertThat(simulator.ownedNumbers()).hasSize(1);
        assertThat(simulator.stats().count(DELETE)).isZero();
    }

    @Test
    void theOwningOrganizationReleasesItsNumberAndAgainFindsItReleased() {
        NumberAcquired ofA = buy("org-a", "saga-a:acquire-number");
        ReleaseNumber release = new ReleaseNumber("org-a", "saga-a:release-number", ofA.numberSid(), ofA.phoneNumber(), null);

        assertThat(harness.release(release)).isEqualTo(new NumberReleased(ofA.numberSid(), false));
        assertThat(harness.release(release)).isEqualTo(new NumberReleased(ofA.numberSid(), true));
        assertThat(simulator.ownedNumbers()).isEmpty();
    }

    @Test
    void aNumberBoughtUnderTheOldTagIsStillReleasedByTheOrganizationWhoseConfigHoldsIt() {
        // Bought before owner tags: "sb:<requestId>" says Switchboard bought it, not for whom.
        String sid = harness.numbers.purchase(PLATFORM, "+14155550101", "sb:saga-old:acquire-number").sid();

        Reply reply = harness.release(new ReleaseNumber("org-a", "saga-a:release-number", sid, "+14155550101", null));

        assertThat(reply).isEqualTo(new NumberReleased(sid, false));
        assertThat(simulator.ownedNumbers()).isEmpty();
    }

    private NumberAcquired buyForThePool(String requestId) {
        return (NumberAcquired) harness.acquire(new AcquireNumber("pool:1", requestId, "US", "415", false, null,
                NumberOwner.pool()));
    }

    private String tagOf(String sid) {
        return simulator.ownedNumbers().stream().filter(n -> n.sid().equals(sid)).findFirst().orElseThrow().friendlyName();
    }

    @Test
    void aPoolPurchaseIsTaggedForThePoolAndOnlyThePoolReleasesIt() {
        NumberAcquired pooled = buyForThePool("pool-saga:acquire-number");
        assertThat(tagOf(pooled.numberSid())).isEqualTo("sb/pool/pool-saga:acquire-number");

        Reply byAnOrganization = harness.release(new ReleaseNumber("org-a", "saga-a:release-number",
                pooled.numberSid(), pooled.phoneNumber(), null));
        Reply byThePool = harness.release(new ReleaseNumber("pool:2", "pool-idle:release-number",
                pooled.numberSid(), pooled.phoneNumber(), null, NumberOwner.pool()));

        assertThat(byAnOrganization).isInstanceOfSatisfying(StepFailed.class, f ->
                assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(byThePool).isEqualTo(new NumberReleased(pooled.numberSid(), false));
    }

    @Test
    void aPooledNumberTakenByAnOrganizationIsReTaggedForItAndHandedBackToThePool() {
        NumberAcquired pooled = buyForThePool("pool-saga:acquire-number");
        AssignNumber take = new AssignNumber("org-a", "saga-a:assign-pooled-number", pooled.numberSid(),
                pooled.phoneNumber(), NumberOwner.pool(), NumberOwner.organization("org-a"), null);

        assertThat(harness.assign(take)).isEqualTo(new NumberAssigned(pooled.numberSid(), pooled.phoneNumber(),
                NumberOwner.organization("org-a"), false));
        assertThat(tagOf(pooled.numberSid())).isEqualTo(OwnerTag.heldBy(NumberOwner.organization("org-a"), "saga-a:assign-pooled-number").friendlyName())
                .startsWith("sb/org/org-a/");
        assertThat(harness.assign(take)).as("the same command again changes nothing")
                .isEqualTo(new NumberAssigned(pooled.numberSid(), pooled.phoneNumber(), NumberOwner.organization("org-a"), true));

        Reply giveBack = harness.assign(new AssignNumber("org-a", "saga-a:assign-pooled-number:undo",
                pooled.numberSid(), pooled.phoneNumber(), NumberOwner.organization("org-a"), NumberOwner.pool(), null));

        assertThat(giveBack).isEqualTo(new NumberAssigned(pooled.numberSid(), pooled.phoneNumber(), NumberOwner.pool(), false));
        assertThat(tagOf(pooled.numberSid())).isEqualTo(OwnerTag.heldBy(NumberOwner.pool(), "saga-a:assign-pooled-number:undo").friendlyName());
        assertThat(simulator.stats().count(DELETE)).isZero();
    }

    @Test
    void aNumberIsNotTakenFromThePoolWhenItAlreadyServesAnotherOrganization() {
        NumberAcquired pooled = buyForThePool("pool-saga:acquire-number");
        harness.assign(new AssignNumber("org-a", "saga-a:assign-pooled-number", pooled.numberSid(),
                pooled.phoneNumber(), NumberOwner.pool(), NumberOwner.organization("org-a"), null));

        Reply takenTwice = harness.assign(new AssignNumber("org-b", "saga-b:assign-pooled-number", pooled.numberSid(),
                pooled.phoneNumber(), NumberOwner.pool(), NumberOwner.organization("org-b"), null));
        Reply returnedByAnother = harness.assign(new AssignNumber("org-b", "saga-b:assign-pooled-number:undo",
                pooled.numberSid(), pooled.phoneNumber(), NumberOwner.organization("org-b"), NumberOwner.pool(), null));

        for (Reply refused : new Reply[]{takenTwice, returnedByAnother}) {
            assertThat(refused).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
                assertThat(f.retryable()).isFalse();
                assertThat(f.message()).contains("organization org-a");
            });
        }
        assertThat(tagOf(pooled.numberSid())).isEqualTo(OwnerTag.heldBy(NumberOwner.organization("org-a"), "saga-a:assign-pooled-number").friendlyName())
                .startsWith("sb/org/org-a/");
    }

    @Test
    void aCommandCannotMoveAnotherOrganizationsNumberByNamingItAsOwner() {
        NumberAcquired ofA = buy("org-a", "saga-a:acquire-number");

        Reply misaddressed = harness.assign(new AssignNumber("org-b", "saga-b:x", ofA.numberSid(), ofA.phoneNumber(),
                NumberOwner.organization("org-a"), NumberOwner.organization("org-b"), null));
        Reply wrongDigits = harness.assign(new AssignNumber("org-a", "saga-a:x", ofA.numberSid(), "+19995550100",
                NumberOwner.organization("org-a"), NumberOwner.pool(), null));

        assertThat(misaddressed).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(f.message()).contains("cannot act for organization org-a");
        });
        assertThat(wrongDigits).isInstanceOfSatisfying(StepFailed.class, f ->
                assertThat(f.message()).contains("misaddressed"));
        assertThat(tagOf(ofA.numberSid())).isEqualTo("sb/org/org-a/saga-a:acquire-number");
        assertThat(simulator.stats().count("UpdateIncomingPhoneNumber")).isZero();
    }

    @Test
    void aPoolNumberBoughtUnderTheOldTagIsTakenOnTheOrchestratorsWord() {
        String sid = harness.numbers.purchase(PLATFORM, "+14155550102", "sb:pool-old:acquire-number").sid();

        Reply reply = harness.assign(new AssignNumber("org-a", "saga-a:assign-pooled-number", sid, "+14155550102",
                NumberOwner.pool(), NumberOwner.organization("org-a"), null));

        assertThat(reply).isInstanceOf(NumberAssigned.class);
        assertThat(tagOf(sid)).isEqualTo(OwnerTag.heldBy(NumberOwner.organization("org-a"), "saga-a:assign-pooled-number").friendlyName())
                .startsWith("sb/org/org-a/");
    }

    @Test
    void aNumberTwilioDoesNotKnowCannotBeAssigned() {
        Reply reply = harness.assign(new AssignNumber("org-a", "saga-a:x", "PN00000000000000000000000000000404", null,
                NumberOwner.pool(), NumberOwner.organization("org-a"), null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(f.retryable()).isFalse();
        });
    }
}
