package io.switchboard.adapters.twilio;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.TwilioSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** ReleaseNumber, its idempotency, and the circuit breaker under a failing Twilio. */
class ReleaseNumberTest {
    private static final String DELETE = "DeleteIncomingPhoneNumber";
    private static final String FETCH = "FetchIncomingPhoneNumber";
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

    private NumberAcquired buy(String requestId) {
        return (NumberAcquired) harness.acquire(new AcquireNumber("org-1", requestId, "US", "415", false, null));
    }

    @Test
    void releasesTheNumberAndARepeatedReleaseReportsItAlreadyReleased() {
        NumberAcquired bought = buy("saga-1:acquire-number");
        ReleaseNumber command = new ReleaseNumber("org-1", "saga-1:release-number", bought.numberSid(), bought.phoneNumber(), null);

        Reply first = harness.release(command);
        Reply second = harness.release(command);

        assertThat(first).isEqualTo(new NumberReleased(bought.numberSid(), false));
        assertThat(second).isEqualTo(new NumberReleased(bought.numberSid(), true));
        assertThat(simulator.ownedNumbers()).isEmpty();
        assertThat(simulator.releasedNumbers()).singleElement()
                .satisfies(r -> assertThat(r.sid()).isEqualTo(bought.numberSid()));
    }

    @Test
    void aServerErrorOnDeleteIsRetried() {
        NumberAcquired bought = buy("saga-2:acquire-number");
        simulator.faults().add(FaultRule.forOperation(DELETE).onNextCalls(2).fail(500));

        Reply reply = harness.release(new ReleaseNumber("org-1", "saga-2:release-number", bought.numberSid(), bought.phoneNumber(), null));

        assertThat(reply).isEqualTo(new NumberReleased(bought.numberSid(), false));
        assertThat(simulator.stats().count(DELETE)).isEqualTo(3);
    }

    @Test
    void theCircuitBreakerOpensUnderAFailingTwilioAndThenStopsCallingIt() {
        // Two attempts per command, breaker evaluates after four calls: two failing commands open it.
        TwilioHarness guarded = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofSeconds(5), TwilioHarness.resilience(2, 4, 4),
                (clients, guard) -> new io.switchboard.adapters.twilio.numbers.TwilioNumbers(clients, guard, null));
        // A release reads the number's owner tag first: that read is what a failing Twilio refuses here.
        simulator.faults().add(FaultRule.forOperation(FETCH).always().fail(503));

        Reply first = guarded.release(release("PN00000000000000000000000000000001"));
        Reply second = guarded.release(release("PN00000000000000000000000000000002"));
        long callsWhenOpened = simulator.stats().count(FETCH);
        Reply third = guarded.release(release("PN00000000000000000000000000000003"));
        Reply fourth = guarded.release(release("PN00000000000000000000000000000004"));

        assertThat(first).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(f.retryable()).isTrue();
            assertThat(f.providerCode()).isNotNull();
        });
        assertThat(second).isInstanceOf(StepFailed.class);
        assertThat(callsWhenOpened).isEqualTo(4);
        assertThat(guarded.guard.circuitBreaker().getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        for (Reply failFast : new Reply[]{third, fourth}) {
            assertThat(failFast).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
                assertThat(f.retryable()).isTrue();
                assertThat(f.message()).contains("circuit breaker is open");
            });
        }
        assertThat(simulator.stats().count(FETCH)).as("no calls while open").isEqualTo(4);
        assertThat(simulator.stats().count(DELETE)).as("nothing released without reading its owner").isZero();
    }

    private static ReleaseNumber release(String sid) {
        return new ReleaseNumber("org-1", "r-" + sid, sid, "+14155550100", null);
    }
}
