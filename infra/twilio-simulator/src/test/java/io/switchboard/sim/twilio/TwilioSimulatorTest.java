package io.switchboard.sim.twilio;

import static io.switchboard.sim.common.testing.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TwilioSimulatorTest {

    static final String TENANT_SID = "ACcafe0000000000000000000000000002";
    static final String TENANT_TOKEN = "7e570000000000000000000000000002";

    static TwilioSimulator sim;
    TwilioTestClient twilio;

    @BeforeAll
    static void start() {
        sim = TwilioSimulator.start(CheckedSimulators.config().withExtraAccount(TENANT_SID, TENANT_TOKEN));
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
    }

    @Test
    void defaultCredentialsAreTheDocumentedFixedTestValues() {
        assertThat(sim.config().accountSid()).isEqualTo("ACcafe0000000000000000000000000001").hasSize(34);
        assertThat(sim.config().authToken()).isEqualTo("7e570000000000000000000000000001");
        assertThat(sim.config().toString()).doesNotContain(sim.config().authToken());
    }

    @Test
    void rejectsMissingWrongOrForeignCredentialsWithTwilio20003() {
        HttpTestClient anonymous = new HttpTestClient(sim.baseUrl());
        TwilioTestClient wrongToken = new TwilioTestClient(sim.baseUrl(), sim.config().accountSid(), "nope");
        // Valid tenant credentials used on the main account's path.
        TwilioTestClient tenant = new TwilioTestClient(sim.baseUrl(), TENANT_SID, TENANT_TOKEN);

        List<HttpResponse<String>> rejected = List.of(
                anonymous.get(twilio.account() + "/IncomingPhoneNumbers.json"),
                wrongToken.list(""),
                tenant.http.postForm(twilio.account() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B14155550100"));

        for (HttpResponse<String> response : rejected) {
            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode body = json(response);
            assertThat(body.get("code").asInt()).isEqualTo(20003);
            assertThat(body.get("message").stringValue()).isEqualTo("Authenticate");
            assertThat(body.get("more_info").stringValue()).isEqualTo("https://www.twilio.com/docs/errors/20003");
            assertThat(body.get("status").asInt()).isEqualTo(401);
        }
        assertThat(sim.purchaseCount()).isZero();
    }

    @Test
    void searchByAreaCodeReturnsDeterministicLocalNumbers() {
        HttpResponse<String> response = twilio.searchLocal("AreaCode=415&VoiceEnabled=true&PageSize=3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(numbers(body.get("available_phone_numbers")))
                .containsExactly("+14155550100", "+14155550101", "+14155550102");
        JsonNode first = body.get("available_phone_numbers").get(0);
        assertThat(first.get("friendly_name").stringValue()).isEqualTo("(415) 555-0100");
        assertThat(first.get("locality").stringValue()).isEqualTo("San Francisco");
        assertThat(first.get("region").stringValue()).isEqualTo("CA");
        assertThat(first.get("iso_country").stringValue()).isEqualTo("US");
        assertThat(first.get("capabilities").get("voice").asBoolean()).isTrue();
        assertThat(body.get("uri").stringValue()).startsWith(twilio.account() + "/AvailablePhoneNumbers/US/Local.json?");
    }

    @Test
    void searchFiltersBySmsCapabilityAndContainsPattern() {
        List<String> smsCapable = numbers(json(twilio.searchLocal("AreaCode=212&SmsEnabled=true")).get("available_phone_numbers"));
        List<String> contains = numbers(json(twilio.searchLocal("AreaCode=212&Contains=555011*")).get("available_phone_numbers"));

        assertThat(smsCapable).hasSize(18).doesNotContain("+12125550109", "+12125550119");
        assertThat(contains).containsExactly("+12125550110", "+12125550111", "+12125550112", "+12125550113",
                "+12125550114", "+12125550115", "+12125550116", "+12125550117", "+12125550118", "+12125550119");
    }

    @Test
    void areaCodeWithoutNumbersSearchesEmptyButFailsPurchaseWith21452() {
        HttpResponse<String> search = twilio.searchLocal("AreaCode=533");
        HttpResponse<String> purchase = twilio.buy("AreaCode=533");

        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(json(search).get("available_phone_numbers")).isEmpty();
        assertError(purchase, 400, 21452);
    }

    @Test
    void emptyAreaCodesAreConfigurable() {
        try (TwilioSimulator custom = TwilioSimulator.start(CheckedSimulators.config().withEmptyAreaCodes(Set.of("415")))) {
            TwilioTestClient client = TwilioTestClient.forDefaultAccount(custom);

            assertThat(json(client.searchLocal("AreaCode=415")).get("available_phone_numbers")).isEmpty();
            assertThat(json(client.searchLocal("AreaCode=533")).get("available_phone_numbers")).isNotEmpty();
            CheckedSimulators.assertResponsesConform(custom);
        }
    }

    @Test
    void purchaseCreatesTheFullResourceAndRemovesTheNumberFromSearch() {
        HttpResponse<String> response = twilio.buy(
                "PhoneNumber=%2B14155550100&FriendlyName=org%3A42&VoiceUrl=https%3A%2F%2Fexample.com%2Fvoice");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode number = json(response);
        String sid = number.get("sid").stringValue();
        assertThat(sid).matches("PN[0-9a-f]{32}");
        assertThat(number.get("account_sid").stringValue()).isEqualTo(twilio.accountSid);
        assertThat(number.get("phone_number").stringValue()).isEqualTo("+14155550100");
        assertThat(number.get("friendly_name").stringValue()).isEqualTo("org:42");
        assertThat(number.get("voice_url").stringValue()).isEqualTo("https://example.com/voice");
        assertThat(number.get("status").stringValue()).isEqualTo("in-use");
        assertThat(number.get("date_created").stringValue()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(number.get("uri").stringValue()).isEqualTo(twilio.account() + "/IncomingPhoneNumbers/" + sid + ".json");
        assertThat(number.get("capabilities").get("sms").asBoolean()).isTrue();

        assertThat(sim.ownedNumbers()).singleElement().satisfies(owned -> {
            assertThat(owned.sid()).isEqualTo(sid);
            assertThat(owned.phoneNumber()).isEqualTo("+14155550100");
            assertThat(owned.friendlyName()).isEqualTo("org:42");
            assertThat(owned.accountSid()).isEqualTo(twilio.accountSid);
        });
        assertThat(numbers(json(twilio.searchLocal("AreaCode=415&PageSize=2")).get("available_phone_numbers")))
                .containsExactly("+14155550101", "+14155550102");
    }

    @Test
    void purchaseWithoutFriendlyNameUsesTheNationalFormat() {
        JsonNode number = json(twilio.buy("PhoneNumber=%2B13125550103"));

        assertThat(number.get("friendly_name").stringValue()).isEqualTo("(312) 555-0103");
    }

    @Test
    void purchaseByAreaCodeTakesTheFirstAvailableNumber() {
        twilio.buy("PhoneNumber=%2B12065550100");

        JsonNode number = json(twilio.buy("AreaCode=206"));

        assertThat(number.get("phone_number").stringValue()).isEqualTo("+12065550101");
    }

    @Test
    void buyingAnOwnedNumberFailsWith21422ForEveryAccount() {
        assertThat(twilio.buy("PhoneNumber=%2B14155550100").statusCode()).isEqualTo(201);
        TwilioTestClient tenant = new TwilioTestClient(sim.baseUrl(), TENANT_SID, TENANT_TOKEN);

        assertError(twilio.buy("PhoneNumber=%2B14155550100"), 400, 21422);
        assertError(tenant.buy("PhoneNumber=%2B14155550100"), 400, 21422);
        assertError(twilio.buy("PhoneNumber=%2B14155559999"), 400, 21422); // valid, but never for sale
        assertThat(sim.purchaseCount()).isEqualTo(1);
    }

    @Test
    void invalidPurchaseParametersGetTwilioErrors() {
        assertError(twilio.buy("PhoneNumber=4155550100"), 400, 21421);
        assertError(twilio.buy("AreaCode=12"), 400, 21451);
        assertError(twilio.buy("FriendlyName=nothing-to-buy"), 400, 21450);
        assertError(twilio.buy("PhoneNumber=%2B14155550100&FriendlyName=" + "x".repeat(65)), 400, 20002);
        assertError(twilio.buy("PhoneNumber=%2B14155550100&VoiceMethod=PUT"), 400, 20001);
        HttpResponse<String> jsonBody = twilio.http.postJson(twilio.account() + "/IncomingPhoneNumbers.json",
                "{\"PhoneNumber\":\"+14155550100\"}");
        assertThat(jsonBody.statusCode()).isEqualTo(415);
        assertThat(sim.purchaseCount()).isZero();
    }

    @Test
    void unencodedPlusIsReadAsPlus() {
        HttpResponse<String> response = twilio.buy("PhoneNumber=+14155550104");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("phone_number").stringValue()).isEqualTo("+14155550104");
    }

    @Test
    void trialAccountsMayOwnOnlyOneNumber() {
        try (TwilioSimulator trial = TwilioSimulator.start(CheckedSimulators.config().withTrialMode(true))) {
            TwilioTestClient client = TwilioTestClient.forDefaultAccount(trial);
            String sid = json(client.buy("PhoneNumber=%2B14155550100")).get("sid").stringValue();

            HttpResponse<String> second = client.buy("PhoneNumber=%2B14155550101");

            assertError(second, 400, 21404);
            assertThat(json(second).get("message").stringValue()).isEqualTo(
                    "Trial accounts are allowed only one Twilio number. To purchase additional numbers, please upgrade your account.");
            assertThat(trial.ownedNumbers()).hasSize(1);
            assertThat(client.release(sid).statusCode()).isEqualTo(204);
            assertThat(client.buy("PhoneNumber=%2B14155550101").statusCode()).isEqualTo(201);
            CheckedSimulators.assertResponsesConform(trial);
        }
    }

    @Test
    void aTrialAccountBesideAFullOneHasTheOneNumberLimitAlone() {
        String trialSid = "ACbead0000000000000000000000000007";
        String trialToken = "7e570000000000000000000000000007";
        try (TwilioSimulator sim = TwilioSimulator.start(CheckedSimulators.config()
                .withExtraAccount(trialSid, trialToken).withTrialAccount(trialSid))) {
            TwilioTestClient full = TwilioTestClient.forDefaultAccount(sim);
            TwilioTestClient trial = new TwilioTestClient(sim.baseUrl(), trialSid, trialToken);

            assertThat(trial.buy("PhoneNumber=%2B14155550100").statusCode()).isEqualTo(201);
            assertError(trial.buy("PhoneNumber=%2B14155550101"), 400, 21404);
            assertThat(full.buy("PhoneNumber=%2B14155550102").statusCode()).isEqualTo(201);
            assertThat(full.buy("PhoneNumber=%2B14155550103").statusCode()).isEqualTo(201);

            assertThat(sim.ownedNumbers(trialSid)).extracting(IncomingNumber::phoneNumber).containsExactly("+14155550100");
            assertThat(sim.ownedNumbers(sim.config().accountSid())).hasSize(2);
            CheckedSimulators.assertResponsesConform(sim);
        }
    }

    @Test
    void listFiltersByFriendlyNameAndWildcardPhoneNumber() {
        twilio.buy("PhoneNumber=%2B14155550100&FriendlyName=org%3A1");
        twilio.buy("PhoneNumber=%2B14155550111&FriendlyName=org%3A2");
        twilio.buy("PhoneNumber=%2B12125550100&FriendlyName=org%3A2");
        new TwilioTestClient(sim.baseUrl(), TENANT_SID, TENANT_TOKEN).buy("PhoneNumber=%2B14155550105&FriendlyName=org%3A1");

        assertThat(numbers(json(twilio.list("FriendlyName=org%3A1")).get("incoming_phone_numbers")))
                .containsExactly("+14155550100");
        assertThat(numbers(json(twilio.list("FriendlyName=org%3A2")).get("incoming_phone_numbers")))
                .containsExactly("+14155550111", "+12125550100");
        assertThat(numbers(json(twilio.list("PhoneNumber=%2B1415*******")).get("incoming_phone_numbers")))
                .containsExactly("+14155550100", "+14155550111");
        assertThat(numbers(json(twilio.list("PhoneNumber=%2B12125550100")).get("incoming_phone_numbers")))
                .containsExactly("+12125550100");
        assertThat(json(twilio.list("FriendlyName=org%3A404")).get("incoming_phone_numbers")).isEmpty();
    }

    @Test
    void listIsPagedLikeTwilio() {
        twilio.buy("PhoneNumber=%2B14155550100");
        twilio.buy("PhoneNumber=%2B14155550101");

        JsonNode first = json(twilio.list("PageSize=1"));
        JsonNode second = json(twilio.http.get(first.get("next_page_uri").stringValue()));

        assertThat(numbers(first.get("incoming_phone_numbers"))).containsExactly("+14155550100");
        assertThat(first.get("page_size").asInt()).isEqualTo(1);
        assertThat(numbers(second.get("incoming_phone_numbers"))).containsExactly("+14155550101");
        assertThat(second.get("next_page_uri").isNull()).isTrue();
        assertThat(second.get("previous_page_uri").stringValue()).contains("Page=0");
    }

    @Test
    void seededNumbersAreOwnedLikeBoughtOnesWithoutHttpAndPastTheTrialLimit() {
        try (TwilioSimulator trial = TwilioSimulator.start(CheckedSimulators.config().withTrialMode(true))) {
            TwilioTestClient client = TwilioTestClient.forDefaultAccount(trial);
            for (int i = 0; i < 1200; i++) {
                trial.seedOwnedNumber(trial.config().accountSid(),
                        "+1" + (201 + i / 100) + "555" + String.format("%04d", 100 + i % 100),
                        "seed-" + i);
            }
            IncomingNumber listed = trial.seedOwnedNumber(trial.config().accountSid(), "+14155550100", null);

            JsonNode first = json(client.list("PageSize=1000"));
            JsonNode second = json(client.http.get(first.get("next_page_uri").stringValue()));
            assertThat(first.get("incoming_phone_numbers")).hasSize(1000);
            assertThat(second.get("incoming_phone_numbers")).hasSize(201);
            assertThat(second.get("next_page_uri").isNull()).isTrue();
            assertThat(numbers(json(client.list("FriendlyName=seed-1199")).get("incoming_phone_numbers")))
                    .containsExactly("+12125550199");
            assertThat(listed.friendlyName()).as("Twilio's default name").isEqualTo("(415) 555-0100");
            assertThat(trial.stats().total()).as("seeding is not a request").isEqualTo(3);
            assertThat(trial.purchaseCount()).isEqualTo(1201);
            assertError(client.buy("PhoneNumber=%2B14155550100"), 400, 21422);
            assertError(client.buy("PhoneNumber=%2B14155550101"), 400, 21404);
            assertThat(client.release(listed.sid()).statusCode()).isEqualTo(204);
            CheckedSimulators.assertResponsesConform(trial);
            assertThat(trial.violations()).isEmpty();
        }
        assertThatThrownBy(() -> sim.seedOwnedNumber(sim.config().accountSid(), "4155550100", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.seedOwnedNumber("AC" + "0".repeat(32), "+14155550100", null))
                .isInstanceOf(IllegalArgumentException.class);
        sim.seedOwnedNumber(sim.config().accountSid(), "+14155550100", null);
        assertThatThrownBy(() -> sim.seedOwnedNumber(TENANT_SID, "+14155550100", null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fetchUpdateReleaseAnd404() {
        String sid = json(twilio.buy("PhoneNumber=%2B14155550100&FriendlyName=before")).get("sid").stringValue();

        assertThat(json(twilio.fetch(sid)).get("friendly_name").stringValue()).isEqualTo("before");
        HttpResponse<String> updated = twilio.update(sid, "FriendlyName=after&VoiceUrl=https%3A%2F%2Fvapi.example%2Fhook");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("voice_url").stringValue()).isEqualTo("https://vapi.example/hook");
        assertThat(json(twilio.fetch(sid)).get("friendly_name").stringValue()).isEqualTo("after");

        HttpResponse<String> released = twilio.release(sid);
        assertThat(released.statusCode()).isEqualTo(204);
        assertThat(released.body()).isEmpty();

        assertError(twilio.fetch(sid), 404, 20404);
        assertError(twilio.release(sid), 404, 20404);
        assertError(twilio.update(sid, "FriendlyName=x"), 404, 20404);
        assertThat(json(twilio.fetch(sid)).get("message").stringValue()).contains("was not found");
        assertThat(sim.ownedNumbers()).isEmpty();
        assertThat(sim.releasedNumbers()).singleElement()
                .satisfies(r -> assertThat(r.phoneNumber()).isEqualTo("+14155550100"));
        assertThat(sim.purchaseCount()).isEqualTo(1);
    }

    @Test
    void releasedNumbersStayOutOfTheAvailablePool() {
        String sid = json(twilio.buy("PhoneNumber=%2B14155550100")).get("sid").stringValue();
        twilio.release(sid);

        assertThat(numbers(json(twilio.searchLocal("AreaCode=415")).get("available_phone_numbers")))
                .doesNotContain("+14155550100");
        assertError(twilio.buy("PhoneNumber=%2B14155550100"), 400, 21422);
    }

    @Test
    void accountsCannotSeeEachOthersNumbers() {
        String sid = json(twilio.buy("PhoneNumber=%2B14155550100")).get("sid").stringValue();
        TwilioTestClient tenant = new TwilioTestClient(sim.baseUrl(), TENANT_SID, TENANT_TOKEN);

        assertError(tenant.fetch(sid), 404, 20404);
        assertError(tenant.release(sid), 404, 20404);
        assertThat(json(tenant.list("")).get("incoming_phone_numbers")).isEmpty();
        assertThat(sim.ownedNumbers(TENANT_SID)).isEmpty();
    }

    @Test
    void unknownPathsAndMethodsGetTwilioErrors() {
        assertError(twilio.http.get(twilio.account() + "/Calls.json"), 404, 20404);
        assertError(twilio.http.delete(twilio.account() + "/IncomingPhoneNumbers.json"), 405, 20004);
    }

    static void assertError(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("more_info").stringValue()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        assertThat(body.get("message").stringValue()).isNotBlank();
    }

    static List<String> numbers(JsonNode items) {
        List<String> numbers = new ArrayList<>();
        items.forEach(item -> numbers.add(item.get("phone_number").stringValue()));
        return numbers;
    }
}
