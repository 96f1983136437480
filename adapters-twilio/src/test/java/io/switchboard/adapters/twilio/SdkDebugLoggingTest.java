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
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.level.com.twilio=DEBUG} the SDK logs every request and the response's status and headers.
 * Every call the worker makes must still succeed, and neither the auth token nor the Authorization header may
 * reach the log.
 */
class SdkDebugLoggingTest {
    private static final String BASIC_CREDENTIALS = Base64.getEncoder().encodeToString(
            (DEFAULT_ACCOUNT_SID + ":" + DEFAULT_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

    private TwilioSimulator simulator;
    private SdkDebugLogCapture log;

    @BeforeEach
    void start() {
        log = new SdkDebugLogCapture();
    }

    @AfterEach
    void stop() {
        log.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void searchPurchaseLookupAndReleaseSucceedWithTheSdkDebugLogOnAndLogNoSecret() {
        simulator = TwilioSimulator.start();
        TwilioHarness harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        AcquireNumber acquire = new AcquireNumber("org-debug", "saga-debug:acquire-number", "US", "415", false, null);

        Reply bought = harness.acquire(acquire);
        Reply adopted = harness.acquire(acquire);   // the look-before-buy finds it: a list call with a FriendlyName filter
        assertThat(bought).isInstanceOf(NumberAcquired.class);
        assertThat(adopted).isEqualTo(bought);
        NumberAcquired number = (NumberAcquired) bought;
        // Re-tag (fetch + update) to the pool and back, then release (fetch + delete).
        assertThat(harness.assign(new AssignNumber("org-debug", "saga-debug:to-pool", number.numberSid(),
                number.phoneNumber(), NumberOwner.organization("org-debug"), NumberOwner.pool(), null)))
                .isInstanceOf(NumberAssigned.class);
        assertThat(harness.assign(new AssignNumber("org-debug", "saga-debug:from-pool", number.numberSid(),
                number.phoneNumber(), NumberOwner.pool(), NumberOwner.organization("org-debug"), null)))
                .isInstanceOf(NumberAssigned.class);
        Reply released = harness.release(new ReleaseNumber("org-debug", "saga-debug:release-number",
                number.numberSid(), number.phoneNumber(), null));
        assertThat(released).isEqualTo(new NumberReleased(number.numberSid(), false));

        assertSdkLoggedWithoutSecrets();
    }

    @Test
    void trialClaimsAndErrorAnswersWorkWithTheSdkDebugLogOn() {
        simulator = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withTrialMode(true));
        TwilioHarness harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        harness.acquire(new AcquireNumber("org-a", "saga-a:acquire-number", "US", "415", false, null));

        Reply refused = harness.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "212", false, null));
        Reply inUse = harness.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "212", true, null));
        Reply claimed = harness.acquire(new AcquireNumber("org-a", "saga-a2:acquire-number", "US", "212", true, null));
        Reply unknown = harness.release(new ReleaseNumber("org-b", "saga-b:release-number",
                "PN00000000000000000000000000000404", "+12125550100", null));
        simulator.faults().add(FaultRule.forOperation("ListIncomingPhoneNumber").onNthCall(1).fail(429)
                .withRetryAfterSeconds(1));
        Reply afterRateLimit = harness.acquire(new AcquireNumber("org-a", "saga-a3:acquire-number", "US", "212", true, null));

        assertThat(refused).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_LIMIT));
        assertThat(inUse).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE));
        assertThat(claimed).isInstanceOfSatisfying(NumberAcquired.class,
                n -> assertThat(n.source()).isEqualTo(NumberAcquired.Source.TRIAL_EXISTING));
        assertThat(afterRateLimit).isInstanceOf(NumberAcquired.class);
        assertThat(unknown).isInstanceOf(NumberReleased.class);
        assertSdkLoggedWithoutSecrets();
    }

    private void assertSdkLoggedWithoutSecrets() {
        List<String> lines = log.lines();
        assertThat(log.sdkDebugLines()).as("the SDK's debug dump ran").anyMatch(l -> l.contains("response headers"));
        assertThat(lines).noneMatch(l -> l.contains(DEFAULT_AUTH_TOKEN))
                .noneMatch(l -> l.contains(BASIC_CREDENTIALS))
                .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("authorization"));
        assertThat(lines).as("no failure inside the SDK").noneMatch(l -> l.contains("NullPointerException"));
    }
}
