package io.switchboard.sim.twilio;

import static io.switchboard.sim.common.testing.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.Json;
import io.switchboard.sim.common.Route;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator against Twilio's own OpenAPI document (twilio/twilio-oai spec/json/twilio_api_v2010.json, in
 * src/main/resources/specs): it serves only the document's operations, and what it answers conforms. The
 * simulator checks every request itself; with response checks on it also checks every response it sends, so each
 * test here ends by asserting that neither produced a violation.
 */
class TwilioSpecConformanceTest {

    /** md5 of the official file as fetched (docs/provider-documents.md); the copy must never be edited. */
    static final String OFFICIAL_MD5 = "19971b18078d61e42e0de6fc4e374d0f";

    static TwilioSimulator sim;
    static JsonNode document;
    TwilioTestClient twilio;

    @BeforeAll
    static void start() {
        sim = TwilioSimulator.start(CheckedSimulators.config());
        document = Json.read(resource());
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
    void nothingTheDocumentDisallows() {
        assertThat(sim.violations()).as("requests the document does not allow").isEmpty();
        CheckedSimulators.assertResponsesConform(sim);
    }

    @Test
    void everyRouteIsAnOperationOfTheDocument() {
        List<Route> routes = new TwilioApi(null, null).routes();

        assertThat(routes).isNotEmpty();
        for (Route route : routes) {
            assertThat(TwilioDocument.get().operationId(route.method(), route.path().toString()))
                    .as(route.method() + " " + route.path()).contains(route.operation());
        }
    }

    @Test
    void theDocumentIsTheOfficialFileAndLoadsAsPublished() throws NoSuchAlgorithmException {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(resource()));

        assertThat(md5).isEqualTo(OFFICIAL_MD5);
        assertThat(TwilioDocument.get().normalisations()).isEmpty();
        assertThat(TwilioDocument.get().version()).isEqualTo("1.0.0");
    }

    @Test
    void localAndTollFreeSearchesConform() {
        assertThat(twilio.searchLocal("AreaCode=415&VoiceEnabled=true&SmsEnabled=true&PageSize=5").statusCode()).isEqualTo(200);
        assertThat(twilio.http.get(twilio.account() + "/AvailablePhoneNumbers/US/TollFree.json?PageSize=2").statusCode())
                .isEqualTo(200);
        assertThat(twilio.searchLocal("AreaCode=533").statusCode()).isEqualTo(200);
        assertThat(twilio.searchLocal("Contains=555011*&InRegion=CA").statusCode()).isEqualTo(200);
    }

    @Test
    void purchaseListFetchUpdateAndReleaseConform() {
        HttpResponse<String> created = twilio.buy(
                "PhoneNumber=%2B14155550100&FriendlyName=org%3A42&VoiceUrl=https%3A%2F%2Fexample.com%2Fvoice&VoiceMethod=POST");
        assertThat(created.statusCode()).isEqualTo(201);
        String sid = json(created).get("sid").stringValue();

        assertThat(twilio.list("FriendlyName=org%3A42&PhoneNumber=%2B1415*******&PageSize=20").statusCode()).isEqualTo(200);
        assertThat(twilio.fetch(sid).statusCode()).isEqualTo(200);
        assertThat(twilio.update(sid, "FriendlyName=org%3A42+renamed&VoiceUrl=https%3A%2F%2Fvapi.example%2Fhook").statusCode())
                .isEqualTo(200);
        assertThat(twilio.release(sid).statusCode()).isEqualTo(204);
    }

    @Test
    void purchaseByAreaCodeAndPagedListsConform() {
        assertThat(twilio.buy("AreaCode=312").statusCode()).isEqualTo(201);
        assertThat(twilio.buy("AreaCode=312&VoiceCallerIdLookup=true").statusCode()).isEqualTo(201);

        JsonNode first = json(twilio.list("PageSize=1"));
        assertThat(twilio.http.get(first.get("next_page_uri").stringValue()).statusCode()).isEqualTo(200);
    }

    /** twilio-java's IncomingPhoneNumber and Local are generated from these schemas: every property is a typed field. */
    @Test
    void responsesCarryEveryFieldTheDocumentDeclares() {
        JsonNode bought = json(twilio.buy("PhoneNumber=%2B14155550100"));
        JsonNode available = json(twilio.searchLocal("AreaCode=415&PageSize=1")).get("available_phone_numbers").get(0);

        assertThat(new TreeSet<>(bought.propertyNames()))
                .isEqualTo(declared("api.v2010.account.incoming_phone_number"));
        assertThat(new TreeSet<>(available.propertyNames()))
                .isEqualTo(declared("api.v2010.account.available_phone_number_country.available_phone_number_local"));
    }

    /** Guards against a check that silently accepts everything (e.g. a path it cannot match). */
    @Test
    void theResponseCheckRejectsWhatTheSchemaDoesNot() {
        HttpResponse<String> created = twilio.buy("PhoneNumber=%2B14155550101");
        String path = twilio.account() + "/IncomingPhoneNumbers.json";
        SimRequest request = new SimRequest("POST", path, Map.of(), Map.of(), new byte[0], Map.of());
        String broken = created.body().replace("\"address_requirements\":\"none\"", "\"address_requirements\":\"bogus\"");

        assertThat(TwilioDocument.get().checkResponse(request, new SimResponse(201, SimResponse.JSON,
                broken.getBytes(StandardCharsets.UTF_8), Map.of()))).isNotEmpty();
        assertThat(TwilioDocument.get().checkResponse(request, new SimResponse(201, SimResponse.JSON,
                created.body().getBytes(StandardCharsets.UTF_8), Map.of()))).isEmpty();
    }

    private static Set<String> declared(String schema) {
        return new TreeSet<>(document.path("components").path("schemas").path(schema).path("properties").propertyNames());
    }

    private static byte[] resource() {
        try (InputStream in = TwilioSpecConformanceTest.class.getResourceAsStream(TwilioDocument.RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
