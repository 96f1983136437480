package io.switchboard.adapters.twilio;

import io.switchboard.adapters.twilio.numbers.TwilioClients;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandDeadline;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.TwilioSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's 429 (20429) with {@code Retry-After}: the next attempt waits at least that long, and a wait that would
 * cross the command's deadline is not waited at all. The backoff is 20 ms here, so any longer pause is Retry-After.
 */
class TwilioRetryAfterTest {
    private static final String SEARCH = "ListAvailablePhoneNumberLocal";
    private static final String CREATE = "CreateIncomingPhoneNumber";
    private static TwilioSimulator simulator;
    private TimestampingHttpClient transport;
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
        transport = new TimestampingHttpClient(simulator.baseUrl());
        harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, Duration.ofSeconds(5),
                TwilioHarness.fastResilience(), (clients, guard) -> new TwilioNumbers(new TwilioClients(transport), guard, null));
    }

    private static AcquireNumber acquire(String requestId) {
        return new AcquireNumber("org-ra", requestId, "US", "415", false, null);
    }

    @Test
    void aRateLimitedSearchIsRepeatedNoSoonerThanRetryAfter() {
        simulator.faults().add(FaultRule.forOperation(SEARCH).onNthCall(1).fail(429).withRetryAfterSeconds(2));

        Reply reply = harness.acquire(acquire("saga-ra1:acquire-number"));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        List<TimestampingHttpClient.Sent> searches = transport.of("GET", "/AvailablePhoneNumbers/");
        assertThat(searches).hasSize(2);
        assertThat(TimestampingHttpClient.between(searches.get(0), searches.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitedPurchaseIsRepeatedOnceNoSoonerThanRetryAfterAndBuysOneNumber() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(429).withRetryAfterSeconds(1));

        Reply reply = harness.acquire(acquire("saga-ra2:acquire-number"));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        List<TimestampingHttpClient.Sent> purchases = transport.of("POST", "/IncomingPhoneNumbers.json");
        assertThat(purchases).hasSize(2);
        assertThat(TimestampingHttpClient.between(purchases.get(0), purchases.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(simulator.purchaseCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondTheCommandsDeadlineGivesUpAtOnceWithARetryableReply() {
        simulator.faults().add(FaultRule.forOperation(SEARCH).always().fail(429).withRetryAfterSeconds(15));
        long started = System.nanoTime();

        Reply reply = CommandDeadline.runWithin(Instant.now().plusSeconds(5),
                () -> harness.acquire(acquire("saga-ra3:acquire-number")));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.RATE_LIMITED);
            assertThat(f.retryable()).isTrue();
            assertThat(f.providerCode()).isEqualTo("20429");
        });
        assertThat(simulator.stats().count(SEARCH)).as("no second search").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("gave up without waiting").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterOfZeroIsRetriedAfterTheBackoffOnly() {
        simulator.faults().add(FaultRule.forOperation(SEARCH).onNthCall(1).fail(429).withRetryAfterSeconds(0));

        assertThat(harness.acquire(acquire("saga-ra4:acquire-number"))).isInstanceOf(NumberAcquired.class);
        assertThat(simulator.stats().count(SEARCH)).isEqualTo(2);
    }
}
