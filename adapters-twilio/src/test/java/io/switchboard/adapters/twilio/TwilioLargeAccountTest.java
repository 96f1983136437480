package io.switchboard.adapters.twilio;

import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts holding more numbers than one page of Twilio's largest (1,000), most of them tagged much like the
 * number a command is after: a purchase in doubt is still adopted exactly, a trial account's own number is still
 * found (listed last, on the second page), a release still touches exactly its number, and nothing is bought twice.
 * Request and response checks are on, as in {@link TwilioWorkerContractTest}.
 */
class TwilioLargeAccountTest {
    private static final int SEEDED = 1_200;
    private static final String ORG = "org-big";
    private static final String CREATE = "CreateIncomingPhoneNumber";
    private static final String LIST = "ListIncomingPhoneNumber";
    private static TwilioSimulator twilio;
    private static TwilioSimulator trial;
    private TwilioHarness harness;

    @BeforeAll
    static void startSimulators() {
        twilio = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withResponseChecks(true));
        trial = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withResponseChecks(true).withTrialMode(true));
    }

    @AfterAll
    static void stopSimulators() {
        twilio.close();
        trial.close();
    }

    @BeforeEach
    void reset() {
        twilio.reset();
        trial.reset();
        harness = new TwilioHarness(twilio.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    }

    @AfterEach
    void everyRequestAndResponseConformed() {
        for (TwilioSimulator simulator : List.of(twilio, trial)) {
            assertThat(simulator.violations()).as("requests Twilio's document does not allow").isEmpty();
            assertThat(simulator.responseViolations()).as("simulator responses Twilio's document does not allow").isEmpty();
        }
    }

    /**
     * {@link #SEEDED} numbers from the fictional 555-01XX block of area codes 201-212 (none of the area codes the
     * tests buy in), bought earlier: a third for this organization's other requests, a third for other
     * organizations, a third for the pool.
     */
    private static List<IncomingNumber> seed(TwilioSimulator simulator, IntFunction<String> tag) {
        List<IncomingNumber> seeded = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            seeded.add(simulator.seedOwnedNumber(DEFAULT_ACCOUNT_SID,
                    "+1" + (201 + i / 100) + "555" + String.format("%04d", 100 + i % 100), tag.apply(i)));
        }
        assertThat(simulator.ownedNumbers(DEFAULT_ACCOUNT_SID)).hasSizeGreaterThan(1_000);
        return seeded;
    }

    private static String mixedTag(int i) {
        return switch (i % 3) {
            case 0 -> "sb/org/" + ORG + "/saga-" + i + ":acquire-number";
            case 1 -> "sb/org/org-" + i + "/saga-" + i + ":acquire-number";
            default -> "sb/pool/pool-" + i + ":acquire-number";
        };
    }

    private void assertAdoptedItsOwnNumberOnly(AcquireNumber command, Reply first, Reply redelivered) {
        String tag = OwnerTag.boughtFor(NumberOwner.organization(ORG), command.requestId()).friendlyName();
        List<IncomingNumber> tagged = twilio.ownedNumbers().stream().filter(n -> n.friendlyName().equals(tag)).toList();
        assertThat(tagged).as("one number carries the request's tag").hasSize(1);
        assertThat(first).isEqualTo(new NumberAcquired(tagged.get(0).phoneNumber(), tagged.get(0).sid(),
                NumberAcquired.Source.PURCHASED));
        assertThat(tagged.get(0).phoneNumber()).startsWith("+1415");
        assertThat(redelivered).as("the next attempt adopts it too").isEqualTo(first);
        assertThat(twilio.purchaseCount()).as("the seeded numbers and one purchase").isEqualTo(SEEDED + 1);
        assertThat(twilio.stats().count(CREATE)).as("POSTed once").isEqualTo(1);
        // An exact server-side filter: each look-up by tag is one call, whatever the account's size.
        assertThat(twilio.stats().count(LIST)).as("owner tag, old tag, reconcile; then owner tag").isEqualTo(4);
    }

    @Test
    void aPurchaseThatFailedAfterBuyingIsAdoptedExactlyAmongThousandsOfLookalikes() {
        seed(twilio, TwilioLargeAccountTest::mixedTag);
        twilio.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));
        AcquireNumber command = new AcquireNumber(ORG, "saga-doubt1:acquire-number", "US", "415", false, null);

        Reply first = harness.acquire(command);
        Reply redelivered = harness.acquire(command);

        assertAdoptedItsOwnNumberOnly(command, first, redelivered);
    }

    @Test
    void aPurchaseWhoseConnectionDroppedAfterBuyingIsAdoptedExactlyAmongThousandsOfLookalikes() {
        seed(twilio, TwilioLargeAccountTest::mixedTag);
        twilio.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenDrop());
        AcquireNumber command = new AcquireNumber(ORG, "saga-doubt2:acquire-number", "US", "415", false, null);

        Reply first = harness.acquire(command);
        Reply redelivered = harness.acquire(command);

        assertAdoptedItsOwnNumberOnly(command, first, redelivered);
    }

    @Test
    void aTrialAccountsOwnNumberListedAfterThousandsOfOthersIsClaimedRefusedHandedBackAndClaimedAgain() {
        seed(trial, i -> "sb/org/org-" + i + "/saga-" + i + ":acquire-number");
        // Bought in the console, after all the others: on the second page of 1,000.
        IncomingNumber own = trial.seedOwnedNumber(DEFAULT_ACCOUNT_SID, "+15105550100", null);
        TwilioHarness onTrial = new TwilioHarness(trial.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);

        Reply a = onTrial.acquire(new AcquireNumber("org-a", "saga-a:acquire-number", "US", "510", true, null));
        Reply b = onTrial.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "510", true, null));
        Reply handedBack = onTrial.assign(new AssignNumber("org-a", "saga-a-off:hand-back-trial-number", own.sid(),
                own.phoneNumber(), NumberOwner.organization("org-a"), NumberOwner.unassigned(), null));
        Reply bAgain = onTrial.acquire(new AcquireNumber("org-b", "saga-b2:acquire-number", "US", "510", true, null));

        NumberAcquired lent = new NumberAcquired(own.phoneNumber(), own.sid(), NumberAcquired.Source.TRIAL_EXISTING);
        assertThat(a).isEqualTo(lent);
        assertThat(b).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE);
            assertThat(f.message()).contains(own.phoneNumber()).contains("organization org-a");
        });
        assertThat(handedBack).isInstanceOf(NumberAssigned.class);
        assertThat(bAgain).isEqualTo(lent);
        assertThat(trial.ownedNumbers()).filteredOn(n -> n.sid().equals(own.sid())).singleElement()
                .satisfies(n -> assertThat(n.friendlyName()).isEqualTo("sb/trial/org-b/saga-b2:acquire-number"));
        assertThat(trial.ownedNumbers()).filteredOn(n -> n.friendlyName().startsWith("sb/trial/"))
                .as("no other number was taken for a line").hasSize(1);
        assertThat(trial.purchaseCount()).as("nothing bought").isEqualTo(SEEDED + 1);
        assertThat(trial.stats().count("UpdateIncomingPhoneNumber")).as("claim, hand back, claim").isEqualTo(3);
    }

    @Test
    void anAccountLongerThanMaxListPagesFailsTheStepForOpsInsteadOfBeingReadOnAndOn() {
        seed(trial, i -> "sb/org/org-" + i + "/saga-" + i + ":acquire-number");
        TwilioHarness onePage = new TwilioHarness(trial.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofSeconds(5), TwilioHarness.fastResilience(), (clients, guard) -> new TwilioNumbers(clients, guard, null, 1));

        Reply reply = onePage.acquire(new AcquireNumber("org-a", "saga-a:acquire-number", "US", "510", true, null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains("more than 1 pages").contains("max-list-pages");
        });
        assertThat(trial.stats().count("UpdateIncomingPhoneNumber")).as("nothing claimed on a guess").isZero();
    }

    @Test
    void aReleaseInALargeAccountTakesExactlyItsNumberAndRefusesAnotherOrganizations() {
        List<IncomingNumber> seeded = seed(twilio, TwilioLargeAccountTest::mixedTag);
        IncomingNumber ours = seeded.get(900);     // sb/org/org-big/saga-900:acquire-number
        IncomingNumber theirs = seeded.get(901);   // sb/org/org-901/saga-901:acquire-number
        ReleaseNumber release = new ReleaseNumber(ORG, "saga-off:release-number", ours.sid(), ours.phoneNumber(), null);

        Reply released = harness.release(release);
        Reply again = harness.release(release);
        Reply refused = harness.release(new ReleaseNumber(ORG, "saga-off2:release-number", theirs.sid(),
                theirs.phoneNumber(), null));

        assertThat(released).isEqualTo(new NumberReleased(ours.sid(), false));
        assertThat(again).isEqualTo(new NumberReleased(ours.sid(), true));
        assertThat(refused).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(twilio.releasedNumbers()).singleElement().satisfies(r -> assertThat(r.sid()).isEqualTo(ours.sid()));
        assertThat(twilio.ownedNumbers()).hasSize(SEEDED - 1).anySatisfy(n -> assertThat(n.sid()).isEqualTo(theirs.sid()));
    }
}
