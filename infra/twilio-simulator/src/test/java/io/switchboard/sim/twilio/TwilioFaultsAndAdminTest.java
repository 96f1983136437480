package io.switchboard.sim.twilio;

import static io.switchboard.sim.common.testing.HttpTestClient.json;
import static io.switchboard.sim.twilio.TwilioSimulatorTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.Latency;
import io.switchboard.sim.common.testing.Await;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Fault injection and the admin endpoints, seen from a Twilio client. */
class TwilioFaultsAndAdminTest {

    static TwilioSimulator sim;
    TwilioTestClient twilio;
    HttpTestClient admin;

    @BeforeAll
    static void start() {
        sim = TwilioSimulator.start(CheckedSimulators.config());
    }

    @AfterEach
    void responsesConform() {
        CheckedSimulators.assertResponsesConform(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        twilio = TwilioTestClient.forDefaultAccount(sim);
        admin = new HttpTestClient(sim.baseUrl());
    }

    @Test
    void nthPurchaseFailsWithTwilioShaped500AndBuysNothing() {
        sim.faults().add(FaultRule.forOperation("CreateIncomingPhoneNumber").onNthCall(2).fail(500));

        HttpResponse<String> first = twilio.buy("PhoneNumber=%2B14155550100");
        HttpResponse<String> second = twilio.buy("PhoneNumber=%2B14155550101");
        HttpResponse<String> third = twilio.buy("PhoneNumber=%2B14155550101");

        assertThat(first.statusCode()).isEqualTo(201);
        assertError(second, 500, 20500);
        assertThat(third.statusCode()).isEqualTo(201);
        assertThat(sim.purchaseCount()).isEqualTo(2);
    }

    @Test
    void rateLimitIsTwilio20429AndNeverProcessed() {
        sim.faults().add(FaultRule.matching("GET", ".*/AvailablePhoneNumbers/.*").onNextCalls(2).fail(429));

        assertError(twilio.searchLocal("AreaCode=415"), 429, 20429);
        assertThat(json(twilio.searchLocal("AreaCode=415")).get("message").stringValue()).isEqualTo("Too Many Requests");
        assertThat(twilio.searchLocal("AreaCode=415").statusCode()).isEqualTo(200);
        assertThat(sim.faults().injectedCount()).isEqualTo(2);
    }

    @Test
    void delayedCallTimesOutTheClientButStillHappensLater() {
        sim.faults().add(FaultRule.forOperation("CreateIncomingPhoneNumber").onNextCalls(1).delay(Duration.ofMillis(700)));

        assertThatThrownBy(() -> twilio.http.withTimeout(Duration.ofMillis(200))
                .postForm(twilio.account() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B14155550100"))
                .hasCauseInstanceOf(HttpTimeoutException.class);

        Await.until(() -> sim.purchaseCount() == 1);
        assertThat(sim.ownedNumbers()).extracting(IncomingNumber::phoneNumber).containsExactly("+14155550100");
    }

    @Test
    void timeoutAfterSuccessMustNotBuyTwice() {
        // The purchase really happens, then the client hangs until its timeout: the classic "unknown outcome".
        sim.faults().add(FaultRule.forOperation("CreateIncomingPhoneNumber").onNextCalls(1)
                .applyThenFail(500, Duration.ofSeconds(3)));

        assertThatThrownBy(() -> twilio.http.withTimeout(Duration.ofMillis(300)).postForm(
                twilio.account() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B14155550100&FriendlyName=org%3A7"))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(sim.purchaseCount()).isEqualTo(1);

        // A client retrying the same specific number cannot buy it twice...
        assertError(twilio.buy("PhoneNumber=%2B14155550100&FriendlyName=org%3A7"), 400, 21422);
        // ...and can adopt what it bought by its tag.
        JsonNode adopted = json(twilio.list("FriendlyName=org%3A7")).get("incoming_phone_numbers");
        assertThat(adopted).hasSize(1);
        assertThat(adopted.get(0).get("phone_number").stringValue()).isEqualTo("+14155550100");
        assertThat(sim.purchaseCount()).isEqualTo(1);
    }

    @Test
    void applyThenFailAnswers500AfterReallyBuying() {
        sim.faults().add(FaultRule.forOperation("CreateIncomingPhoneNumber").onNextCalls(1).applyThenFail(503));

        assertError(twilio.buy("PhoneNumber=%2B14155550100"), 503, 20503);

        assertThat(sim.ownedNumbers()).extracting(IncomingNumber::phoneNumber).containsExactly("+14155550100");
    }

    @Test
    void faultsCanBeDrivenOverHttpAndShowUpInStats() {
        HttpResponse<String> added = admin.postJson("/__admin/faults",
                "{\"method\":\"DELETE\",\"pathRegex\":\".*/IncomingPhoneNumbers/PN[0-9a-f]{32}\\\\.json\",\"trigger\":\"NEXT\",\"count\":1,\"status\":502}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("action").stringValue()).isEqualTo("FAIL");
        String sid = json(twilio.buy("PhoneNumber=%2B14155550100")).get("sid").stringValue();

        assertError(twilio.release(sid), 502, 20502);
        assertThat(twilio.release(sid).statusCode()).isEqualTo(204);

        JsonNode stats = json(admin.get("/__admin/stats"));
        assertThat(stats.get("byOperation").get("DeleteIncomingPhoneNumber").asInt()).isEqualTo(2);
        assertThat(stats.get("byOperation").get("CreateIncomingPhoneNumber").asInt()).isEqualTo(1);
        assertThat(stats.get("faultsInjected").asInt()).isEqualTo(1);
        assertThat(admin.delete("/__admin/faults").statusCode()).isEqualTo(204);
        assertThat(sim.faults().rules()).isEmpty();
    }

    @Test
    void adminInventoryListsNumbersWithoutSecretsAndResetForgetsThem() {
        twilio.buy("PhoneNumber=%2B14155550100&FriendlyName=org%3A1");

        HttpResponse<String> inventory = admin.get("/__admin/inventory");

        assertThat(inventory.statusCode()).isEqualTo(200);
        JsonNode body = json(inventory);
        assertThat(body.get("incomingPhoneNumbers").get(0).get("phoneNumber").stringValue()).isEqualTo("+14155550100");
        assertThat(body.get("incomingPhoneNumbers").get(0).get("friendlyName").stringValue()).isEqualTo("org:1");
        assertThat(body.get("purchaseCount").asInt()).isEqualTo(1);
        assertThat(inventory.body()).doesNotContain(sim.config().authToken());

        assertThat(admin.postJson("/__admin/reset", "").statusCode()).isEqualTo(204);
        assertThat(sim.ownedNumbers()).isEmpty();
        assertThat(sim.purchaseCount()).isZero();
        assertThat(json(twilio.searchLocal("AreaCode=415&PageSize=1")).get("available_phone_numbers").get(0)
                .get("phone_number").stringValue()).isEqualTo("+14155550100");
    }

    @Test
    void perOperationLatencySlowsOnlyThatOperation() {
        Latency latency = Latency.perOperation(Latency.none(),
                Map.of("CreateIncomingPhoneNumber", Latency.fixedMillis(300)));
        try (TwilioSimulator slow = TwilioSimulator.start(CheckedSimulators.config().withLatency(latency))) {
            TwilioTestClient client = TwilioTestClient.forDefaultAccount(slow);

            assertThatThrownBy(() -> client.http.withTimeout(Duration.ofMillis(100))
                    .postForm(client.account() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B14155550100"))
                    .hasCauseInstanceOf(HttpTimeoutException.class);
            assertThat(client.http.withTimeout(Duration.ofMillis(250)).get(client.account() + "/IncomingPhoneNumbers.json")
                    .statusCode()).isEqualTo(200);
            CheckedSimulators.assertResponsesConform(slow);
        }
    }
}
