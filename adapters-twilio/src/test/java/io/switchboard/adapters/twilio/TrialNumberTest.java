package io.switchboard.adapters.twilio;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trial account comes with one number of its own (bought in the console, no Switchboard tag). It serves one
 * organization's line at a time: claimed by re-tagging, refused to everybody else, handed back, claimed again. It
 * is never released.
 */
class TrialNumberTest {
    private static final TwilioAccount ACCOUNT = new TwilioAccount("platform", DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    private static TwilioSimulator simulator;
    private TwilioHarness harness;
    private String trialSid;

    @BeforeAll
    static void startSimulator() {
        simulator = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withTrialMode(true));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void theAccountOwnsItsTrialNumber() {
        simulator.reset();
        harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        trialSid = harness.numbers.purchase(ACCOUNT, "+15105550100", "(510) 555-0100").sid();
    }

    private Reply lineOn(String orgId, String sagaId) {
        return harness.acquire(new AcquireNumber(orgId, sagaId + ":acquire-number", "US", "510", true, null));
    }

    private Reply handBack(String orgId, String sagaId) {
        return harness.assign(new AssignNumber(orgId, sagaId + ":hand-back-trial-number", trialSid, "+15105550100",
                NumberOwner.organization(orgId), NumberOwner.unassigned(), null));
    }

    private IncomingNumber trialNumber() {
        assertThat(simulator.ownedNumbers()).as("the account's one number, never another").hasSize(1);
        return simulator.ownedNumbers().get(0);
    }

    @Test
    void theFirstOrganizationClaimsTheAccountsNumberAndTheSecondIsRefused() {
        Reply a = lineOn("org-a", "saga-a");
        Reply b = lineOn("org-b", "saga-b");

        assertThat(a).isEqualTo(new NumberAcquired("+15105550100", trialSid, NumberAcquired.Source.TRIAL_EXISTING));
        assertThat(b).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("+15105550100").contains("organization org-a")
                    .doesNotContain(DEFAULT_AUTH_TOKEN);
        });
        assertThat(trialNumber().friendlyName()).isEqualTo("sb/trial/org-a/saga-a:acquire-number");
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void aRepeatedClaimOfTheSameRequestIsHarmless() {
        Reply first = lineOn("org-a", "saga-a");
        Reply again = lineOn("org-a", "saga-a");

        assertThat(again).isEqualTo(first);
        assertThat(simulator.stats().count("UpdateIncomingPhoneNumber")).as("re-tagged once").isEqualTo(1);
    }

    @Test
    void handedBackItServesNobodyUntilTheNextOrganizationClaimsIt() {
        lineOn("org-a", "saga-a");

        Reply handedBack = handBack("org-a", "saga-a-off");
        assertThat(handedBack).isEqualTo(new NumberAssigned(trialSid, "+15105550100", NumberOwner.unassigned(), false));
        assertThat(trialNumber().friendlyName()).isEqualTo(OwnerTag.heldBy(NumberOwner.unassigned(), "saga-a-off:hand-back-trial-number").friendlyName());
        assertThat(handBack("org-a", "saga-a-off")).as("handing back twice is harmless")
                .isEqualTo(new NumberAssigned(trialSid, "+15105550100", NumberOwner.unassigned(), true));

        Reply b = lineOn("org-b", "saga-b");
        assertThat(b).isEqualTo(new NumberAcquired("+15105550100", trialSid, NumberAcquired.Source.TRIAL_EXISTING));
        assertThat(trialNumber().friendlyName()).isEqualTo("sb/trial/org-b/saga-b:acquire-number");
        assertThat(lineOn("org-a", "saga-a2")).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE));
        assertThat(simulator.releasedNumbers()).isEmpty();
    }

    @Test
    void nobodyHandsBackOrReleasesTheNumberForTheOrganizationItServes() {
        lineOn("org-a", "saga-a");

        Reply handBackByB = handBack("org-b", "saga-b-off");
        Reply releaseByA = harness.release(new ReleaseNumber("org-a", "saga-a:release-number", trialSid, "+15105550100", null));
        Reply releaseByB = harness.release(new ReleaseNumber("org-b", "saga-b:release-number", trialSid, "+15105550100", null));

        assertThat(handBackByB).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        for (Reply release : new Reply[]{releaseByA, releaseByB}) {
            assertThat(release).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
                assertThat(f.retryable()).isFalse();
            });
        }
        assertThat(trialNumber().friendlyName()).isEqualTo("sb/trial/org-a/saga-a:acquire-number");
        assertThat(simulator.stats().count("DeleteIncomingPhoneNumber")).isZero();
    }

    @Test
    void thePoolNeverClaimsATrialNumber() {
        Reply reply = harness.acquire(new AcquireNumber("pool:1", "pool-saga:acquire-number", "US", "510", true, null,
                NumberOwner.pool()));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_LIMIT));
        assertThat(trialNumber().friendlyName()).isEqualTo("(510) 555-0100");
    }
}
