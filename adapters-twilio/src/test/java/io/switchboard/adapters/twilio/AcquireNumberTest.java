package io.switchboard.adapters.twilio;

import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** AcquireNumber against the Twilio simulator over real HTTP. */
class AcquireNumberTest {
    private static final String OTHER_SID = "ACcafe00000000000000000000000000ff";
    private static final String OTHER_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String CREATE = "CreateIncomingPhoneNumber";
    private static final String SEARCH = "ListAvailablePhoneNumberLocal";
    private static final String LIST = "ListIncomingPhoneNumber";

    private static TwilioSimulator simulator;
    private final JsonCodec codec = new JsonCodec();
    private TwilioHarness harness;

    @BeforeAll
    static void startSimulator() {
        simulator = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withExtraAccount(OTHER_SID, OTHER_TOKEN));
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

    private static AcquireNumber command(String areaCode) {
        return new AcquireNumber("org-" + UUID.randomUUID(), UUID.randomUUID() + ":acquire-number", "US", areaCode, false, null);
    }

    private void assertNoSecretIn(Reply reply) {
        assertThat(codec.encodeToString(reply)).doesNotContain(DEFAULT_AUTH_TOKEN).doesNotContain(OTHER_TOKEN);
    }

    @Test
    void buysAVoiceNumberInTheAreaCodeTaggedWithTheRequest() {
        AcquireNumber command = command("415");

        Reply reply = harness.acquire(command);

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        NumberAcquired acquired = (NumberAcquired) reply;
        assertThat(acquired.phoneNumber()).startsWith("+1415");
        assertThat(acquired.source()).isEqualTo(NumberAcquired.Source.PURCHASED);
        List<IncomingNumber> owned = simulator.ownedNumbers(DEFAULT_ACCOUNT_SID);
        assertThat(owned).singleElement().satisfies(n -> {
            assertThat(n.sid()).isEqualTo(acquired.numberSid());
            assertThat(n.friendlyName()).startsWith("sb/org/")
                    .isEqualTo(OwnerTag.boughtFor(NumberOwner.organization(command.orgId()), command.requestId()).friendlyName());
        });
        assertNoSecretIn(reply);
    }

    @Test
    void theSameCommandDeliveredTwiceBuysOneNumber() {
        AcquireNumber command = command("415");

        NumberAcquired first = (NumberAcquired) harness.acquire(command);
        NumberAcquired second = (NumberAcquired) harness.acquire(command);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void aTimeoutAfterThePurchaseSucceededIsReconciledByTagNotBoughtAgain() {
        // Twilio buys the number but answers only after the client's read timeout.
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500, Duration.ofSeconds(3)));
        TwilioHarness impatient = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofMillis(700), TwilioHarness.fastResilience(), (c, g) -> new TwilioNumbers(c, g, null));
        AcquireNumber command = command("212");

        Reply reply = impatient.acquire(command);

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).as("the purchase was POSTed exactly once").isEqualTo(1);
        assertThat(((NumberAcquired) reply).numberSid()).isEqualTo(simulator.ownedNumbers().get(0).sid());
        // The redelivered command adopts it too.
        assertThat(impatient.acquire(command)).isEqualTo(reply);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorAfterThePurchaseSucceededIsAdoptedNotBoughtAgain() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(503));

        Reply reply = harness.acquire(command("312"));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void aPurchaseThatFailedWithoutEffectIsReportedRetryableAndNotRepeatedBlindly() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(500));
        AcquireNumber command = command("415");

        Reply reply = harness.acquire(command);

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(failed.provider()).isEqualTo("twilio");
        });
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
        assertThat(simulator.purchaseCount()).isZero();
        // The saga's retry of the same command looks again and then buys.
        assertThat(harness.acquire(command)).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void whenTheFirstCandidateIsTakenTheNextOneIsBought() {
        List<String> stolen = new ArrayList<>();
        TwilioAccount competitor = new TwilioAccount("competitor", OTHER_SID, OTHER_TOKEN);
        // Between our search and our purchase another account buys the first candidate (a real race at Twilio).
        TwilioHarness racing = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofSeconds(5), TwilioHarness.fastResilience(), (clients, guard) -> new TwilioNumbers(clients, guard, null) {
                    @Override
                    public List<String> searchAvailable(TwilioAccount account, String country, Integer areaCode, int pageSize) {
                        List<String> candidates = super.searchAvailable(account, country, areaCode, pageSize);
                        purchase(competitor, candidates.get(0), "competitor");
                        stolen.add(candidates.get(0));
                        return candidates;
                    }
                });

        Reply reply = racing.acquire(command("415"));

        assertThat(reply).isInstanceOfSatisfying(NumberAcquired.class, acquired ->
                assertThat(acquired.phoneNumber()).isNotEqualTo(stolen.get(0)).startsWith("+1415"));
        assertThat(simulator.ownedNumbers(DEFAULT_ACCOUNT_SID)).hasSize(1);
        assertThat(simulator.stats().count(CREATE)).as("competitor + taken candidate + next candidate").isEqualTo(3);
    }

    @Test
    void anAreaCodeWithoutNumbersIsAFinalFailure() {
        Reply reply = harness.acquire(command("533"));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.NO_NUMBERS_AVAILABLE);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("533");
        });
        assertThat(simulator.stats().count(CREATE)).isZero();
    }

    @Test
    void rateLimitAndServerErrorsOnReadsAreRetriedThenSucceed() {
        simulator.faults().add(FaultRule.forOperation(SEARCH).onNthCall(1).fail(429));
        simulator.faults().add(FaultRule.forOperation(SEARCH).onNthCall(2).fail(500));
        simulator.faults().add(FaultRule.forOperation(LIST).onNthCall(1).fail(503));

        Reply reply = harness.acquire(command("415"));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.stats().count(SEARCH)).isEqualTo(3);
        // Looked up under the owner tag (503, then again) and under the tag older workers bought with.
        assertThat(simulator.stats().count(LIST)).isEqualTo(3);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitedPurchaseIsRepeatedBecauseTwilioDidNotProcessIt() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(429));

        Reply reply = harness.acquire(command("415"));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(2);
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void persistentRateLimitingEndsRetryableWithTwilioCode() {
        simulator.faults().add(FaultRule.forOperation(LIST).always().fail(429));

        Reply reply = harness.acquire(command("415"));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.RATE_LIMITED);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.providerCode()).isEqualTo("20429");
        });
        assertThat(simulator.stats().count(LIST)).as("max attempts").isEqualTo(4);
    }

    @Test
    void badCredentialsFailFinallyAfterExactlyOneCall() {
        TwilioHarness wrongToken = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, "ffffffffffffffffffffffffffffffff");

        Reply reply = wrongToken.acquire(command("415"));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.AUTHENTICATION_FAILED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.provider()).isEqualTo("twilio");
            assertThat(failed.providerCode()).isEqualTo("20003");
            assertThat(failed.message()).doesNotContain("ffffffffffffffffffffffffffffffff");
        });
        assertThat(simulator.stats().total()).isEqualTo(1);
    }

    @Test
    void anUnknownTenantCredentialIsRefusedWithoutCallingTwilio() {
        AcquireNumber command = new AcquireNumber("org-1", "r-1", "US", "415", false, "tenant-cred-42");

        Reply reply = harness.acquire(command);

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.AUTHENTICATION_FAILED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("unknown Twilio credential");
        });
        assertThat(simulator.stats().total()).isZero();
    }
}
