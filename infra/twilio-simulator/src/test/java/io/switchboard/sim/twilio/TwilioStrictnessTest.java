package io.switchboard.sim.twilio;

import static io.switchboard.sim.common.testing.HttpTestClient.json;
import static io.switchboard.sim.twilio.TwilioSimulatorTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.RequestStats;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing Twilio's document does not declare is accepted: each kind of mistake gets Twilio's error, changes nothing
 * and is recorded as a violation; the requests the Twilio worker makes are accepted and record none.
 */
class TwilioStrictnessTest {

    static TwilioSimulator sim;
    TwilioTestClient twilio;

    @BeforeAll
    static void start() {
        sim = TwilioSimulator.start(CheckedSimulators.config());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        twilio = TwilioTestClient.forDefaultAccount(sim);
    }

    @AfterEach
    void responsesConform() {
        CheckedSimulators.assertResponsesConform(sim);
    }

    @Test
    void anUndeclaredParameterIsRejectedAndRecordedWithoutItsValue() {
        HttpResponse<String> purchase = twilio.buy("PhoneNumber=%2B14155550100&CredentialSid=CR-secret-value");
        HttpResponse<String> list = twilio.list("FriendlyName=org%3A1&Bogus=1");

        assertError(purchase, 400, 20001);
        assertThat(json(purchase).get("message").stringValue()).isEqualTo("Unknown parameter CredentialSid");
        assertError(list, 400, 20001);
        assertThat(sim.purchaseCount()).isZero();
        assertThat(sim.violations()).extracting(Violation::operation, Violation::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CreateIncomingPhoneNumber", "POST"),
                        org.assertj.core.groups.Tuple.tuple("ListIncomingPhoneNumber", "GET"));
        assertThat(sim.violations().get(0).messages()).containsExactly("Unknown parameter CredentialSid");
        assertThat(sim.violations().get(1).messages()).containsExactly("Unknown parameter Bogus");
        assertThat(sim.violations().toString()).doesNotContain("secret-value");
    }

    @Test
    void unknownPathsGetTwilios404AndAreRecorded() {
        assertError(twilio.http.get(twilio.account() + "/Calls.json"), 404, 20404);
        assertError(twilio.http.get(twilio.account() + "/Nothing.json"), 404, 20404);
        assertError(twilio.http.delete(twilio.account() + "/IncomingPhoneNumbers.json"), 405, 20004);

        assertThat(sim.violations()).extracting(Violation::operation).containsOnly(RequestStats.UNMATCHED);
        assertThat(sim.violations()).extracting(v -> v.messages().get(0)).containsExactly(
                "the document declares this operation, but the simulator does not serve it",
                "the document declares no operation for this method and path",
                "the document declares no operation for this method and path");
    }

    @Test
    void malformedValuesAreRejectedWithTwiliosErrors() {
        assertInvalid(twilio.list("PageSize=abc"), "Invalid parameter PageSize: must be an integer");
        assertInvalid(twilio.list("PageSize=0"), "Invalid parameter PageSize: must be at least 1");
        assertInvalid(twilio.searchLocal("PageSize=1001"), "Invalid parameter PageSize: must be at most 1000");
        assertInvalid(twilio.searchLocal("AreaCode=41a"), "Invalid parameter AreaCode: must be an integer");
        assertInvalid(twilio.searchLocal("SmsEnabled=maybe"), "Invalid parameter SmsEnabled: must be a boolean");
        assertInvalid(twilio.buy("PhoneNumber=%2B14155550100&VoiceMethod=PUT"),
                "Invalid parameter VoiceMethod: must be one of GET, POST");
        assertInvalid(twilio.buy("PhoneNumber=%2B14155550100&VoiceUrl=not+a+url"),
                "Invalid parameter VoiceUrl: has the wrong format");
        assertInvalid(twilio.buy("PhoneNumber=%2B14155550100&SmsApplicationSid=AP1"),
                "Invalid parameter SmsApplicationSid: has the wrong length");
        assertInvalid(twilio.buy("PhoneNumber=%2B14155550100&VoiceCallerIdLookup=yes"),
                "Invalid parameter VoiceCallerIdLookup: must be a boolean");
        assertThat(twilio.http.postJson(twilio.account() + "/IncomingPhoneNumbers.json", "{\"PhoneNumber\":\"+14155550100\"}")
                .statusCode()).isEqualTo(415);
        assertError(twilio.fetch("PNnot-a-sid"), 404, 20404);
        assertInvalid(twilio.http.send("DELETE", twilio.account() + "/IncomingPhoneNumbers/PN" + "0".repeat(32) + ".json",
                "application/x-www-form-urlencoded", "FriendlyName=x"), "This resource takes no request body");

        assertThat(sim.purchaseCount()).isZero();
        assertThat(sim.violations()).hasSize(12);
        assertThat(sim.violations().toString()).doesNotContain("not a url").doesNotContain("maybe");
    }

    /** Twilio's rules the document states in prose only, so the server applies them after the schema check. */
    @Test
    void documentedRulesBeyondTheSchemaGetTheirOwnCodesAndAreNotViolations() {
        assertError(twilio.buy("PhoneNumber=4155550100"), 400, 21421);
        assertError(twilio.buy("FriendlyName=" + "x".repeat(65) + "&PhoneNumber=%2B14155550100"), 400, 20002);
        // Neither PhoneNumber nor AreaCode: the document's x-twilio "conditional" (one of them is required).
        assertError(twilio.buy("FriendlyName=org%3A1"), 400, 21450);

        assertThat(sim.purchaseCount()).isZero();
        assertThat(sim.violations()).isEmpty();
    }

    /** What the Twilio worker sends (adapters-twilio TwilioNumbers, through twilio-java). */
    @Test
    void theRequestsTheWorkerMakesAreAccepted() {
        assertThat(twilio.list("FriendlyName=sb-org-42&PageSize=20").statusCode()).isEqualTo(200);
        assertThat(twilio.searchLocal("VoiceEnabled=true&PageSize=5&AreaCode=415").statusCode()).isEqualTo(200);
        HttpResponse<String> bought = twilio.buy(
                "PhoneNumber=%2B14155550100&FriendlyName=sb-org-42&VoiceUrl=https%3A%2F%2Fexample.com%2Fvoice");
        assertThat(bought.statusCode()).isEqualTo(201);
        assertThat(twilio.list("PageSize=1").statusCode()).isEqualTo(200);
        assertThat(twilio.release(json(bought).get("sid").stringValue()).statusCode()).isEqualTo(204);

        assertThat(sim.violations()).isEmpty();
        assertThat(new HttpTestClient(sim.baseUrl()).get("/__admin/violations").body())
                .isEqualTo("{\"total\":0,\"violations\":[]}");
    }

    private void assertInvalid(HttpResponse<String> response, String message) {
        assertError(response, 400, 20001);
        assertThat(json(response).get("message").stringValue()).isEqualTo(message);
    }
}
