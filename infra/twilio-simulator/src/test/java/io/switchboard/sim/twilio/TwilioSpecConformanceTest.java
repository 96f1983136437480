package io.switchboard.sim.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import io.switchboard.sim.common.FormCodec;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request a client sends here and every success the simulator answers is checked against Twilio's
 * own OpenAPI document (twilio/twilio-oai spec/json/twilio_api_v2010.json, copied to src/test/resources/specs).
 * The spec declares no error responses, so error bodies are covered by the behaviour tests instead.
 */
class TwilioSpecConformanceTest {

    static OpenApiInteractionValidator validator;
    static TwilioSimulator sim;
    TwilioTestClient twilio;

    @BeforeAll
    static void load() {
        validator = OpenApiInteractionValidator
                .createForSpecificationUrl(Objects.requireNonNull(
                        TwilioSpecConformanceTest.class.getResource("/specs/twilio_api_v2010.json")).toString())
                // The validator turns form values that look numeric ("+14155550100", "312") into JSON numbers
                // before checking them against the string schema; form values are always strings on the wire.
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("form values are strings",
                        WhitelistRules.allOf(WhitelistRules.isRequest(), WhitelistRules.messageContainsSubstring(
                                "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])"))))
                .build();
        sim = TwilioSimulator.start(TwilioSimulatorConfig.defaults());
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
    void localAndTollFreeSearchesConform() {
        assertConforms(exchange("GET", "/AvailablePhoneNumbers/US/Local.json",
                Map.of("AreaCode", "415", "VoiceEnabled", "true", "SmsEnabled", "true", "PageSize", "5"), null), 200);
        assertConforms(exchange("GET", "/AvailablePhoneNumbers/US/TollFree.json", Map.of("PageSize", "2"), null), 200);
        assertConforms(exchange("GET", "/AvailablePhoneNumbers/US/Local.json", Map.of("AreaCode", "533"), null), 200);
    }

    @Test
    void purchaseListFetchUpdateAndReleaseConform() {
        Exchange created = exchange("POST", "/IncomingPhoneNumbers.json", Map.of(), Map.of(
                "PhoneNumber", "+14155550100", "FriendlyName", "org:42", "VoiceUrl", "https://example.com/voice",
                "VoiceMethod", "POST"));
        assertConforms(created, 201);
        String sid = HttpTestClient.json(created.response).get("sid").stringValue();

        assertConforms(exchange("GET", "/IncomingPhoneNumbers.json",
                Map.of("FriendlyName", "org:42", "PhoneNumber", "+1415*******", "PageSize", "20"), null), 200);
        assertConforms(exchange("GET", "/IncomingPhoneNumbers/" + sid + ".json", Map.of(), null), 200);
        assertConforms(exchange("POST", "/IncomingPhoneNumbers/" + sid + ".json", Map.of(),
                Map.of("FriendlyName", "org:42 renamed", "VoiceUrl", "https://vapi.example/hook")), 200);
        assertConforms(exchange("DELETE", "/IncomingPhoneNumbers/" + sid + ".json", Map.of(), null), 204);
    }

    @Test
    void purchaseByAreaCodeConforms() {
        assertConforms(exchange("POST", "/IncomingPhoneNumbers.json", Map.of(), Map.of("AreaCode", "312")), 201);
    }

    /** Guards against a validator that silently accepts everything (e.g. a path it cannot match). */
    @Test
    void validatorRejectsAResponseThatBreaksTheSchema() {
        Exchange created = exchange("POST", "/IncomingPhoneNumbers.json", Map.of(), Map.of("PhoneNumber", "+14155550101"));
        String broken = created.response.body().replace("\"address_requirements\":\"none\"", "\"address_requirements\":\"bogus\"");

        ValidationReport report = validator.validate(created.request, SimpleResponse.Builder.status(201)
                .withContentType("application/json").withBody(broken).build());

        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void validatorStillChecksFormRequestsAgainstTheSpec() {
        SimpleRequest badMethod = new SimpleRequest.Builder(Request.Method.POST, twilio.account() + "/IncomingPhoneNumbers.json")
                .withHeader("Authorization", "Basic eDp5")
                .withContentType("application/x-www-form-urlencoded")
                .withBody("PhoneNumber=%2B14155550100&VoiceMethod=PUT")
                .build();

        assertThat(validator.validateRequest(badMethod).hasErrors()).isTrue();
    }

    private record Exchange(SimpleRequest request, HttpResponse<String> response) {
    }

    /** Sends for real and captures what went over the wire, in the validator's model. */
    private Exchange exchange(String method, String relativePath, Map<String, String> query, Map<String, String> form) {
        String path = twilio.account() + relativePath;
        String queryString = query.isEmpty() ? "" : "?" + FormCodec.encode(new LinkedHashMap<>(query));
        String body = form == null ? null : FormCodec.encode(new LinkedHashMap<>(form));
        HttpResponse<String> response = twilio.http.send(method, path + queryString,
                form == null ? null : "application/x-www-form-urlencoded", body);

        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path)
                .withHeader("Authorization", response.request().headers().firstValue("Authorization").orElseThrow());
        query.forEach((name, value) -> request.withQueryParam(name, List.of(value)));
        if (body != null) {
            request.withContentType("application/x-www-form-urlencoded").withBody(body);
        }
        return new Exchange(request.build(), response);
    }

    private static void assertConforms(Exchange exchange, int expectedStatus) {
        assertThat(exchange.response.statusCode()).as(exchange.response.body()).isEqualTo(expectedStatus);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.response.statusCode());
        if (!exchange.response.body().isEmpty()) {
            response.withContentType(exchange.response.headers().firstValue("Content-Type").orElse("application/json"))
                    .withBody(exchange.response.body());
        }
        ValidationReport report = validator.validate(exchange.request, response.build());
        assertThat(report.getMessages())
                .as(exchange.request.getMethod() + " " + exchange.request.getPath())
                .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR
                        || message.getLevel() == ValidationReport.Level.WARN)
                .isEmpty();
    }
}
