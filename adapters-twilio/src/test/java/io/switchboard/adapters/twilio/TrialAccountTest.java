package io.switchboard.adapters.twilio;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** A trial account may own one number (Twilio 21404); the saga may reuse it. */
class TrialAccountTest {
    private static TwilioSimulator simulator;
    private TwilioHarness harness;
    private NumberAcquired existing;

    @BeforeAll
    static void startSimulator() {
        simulator = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withTrialMode(true));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void accountAlreadyOwnsItsOneNumber() {
        simulator.reset();
        harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        existing = (NumberAcquired) harness.acquire(new AcquireNumber("org-a", "saga-a:acquire-number", "US", "415", false, null));
    }

    @Test
    void theTrialLimitIsReportedAsSuchAndIsFinal() {
        Reply reply = harness.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "212", false, null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_LIMIT);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.provider()).isEqualTo("twilio");
            assertThat(failed.providerCode()).isEqualTo("21404");
        });
        assertThat(simulator.ownedNumbers()).hasSize(1);
    }

    @Test
    void theTrialNumberServingAnotherOrganizationIsNotTakenFromIt() {
        Reply reply = harness.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "212", true, null));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("org-a").doesNotContain(DEFAULT_AUTH_TOKEN);
        });
        assertThat(simulator.ownedNumbers()).singleElement().satisfies(n -> {
            assertThat(n.sid()).isEqualTo(existing.numberSid());
            assertThat(n.friendlyName()).as("still org-a's").contains("org-a");
        });
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }
}
