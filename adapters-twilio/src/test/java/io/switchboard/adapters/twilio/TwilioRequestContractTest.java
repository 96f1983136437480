package io.switchboard.adapters.twilio;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import com.twilio.http.HttpMethod;
import com.twilio.http.Response;
import io.switchboard.adapters.twilio.http.BaseUrlHttpClient;
import io.switchboard.adapters.twilio.numbers.TwilioClients;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.sim.twilio.TwilioDocument;
import io.switchboard.sim.twilio.TwilioSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the adapter sends while acquiring, re-tagging and releasing a number, and every success it accepts,
 * checked against Twilio's own OpenAPI document (twilio/twilio-oai spec/json/twilio_api_v2010.json, the copy the
 * simulator ships in its jar).
 */
class TwilioRequestContractTest {
    private static final URL SPEC = TwilioRequestContractTest.class.getResource(TwilioDocument.RESOURCE);

    private static TwilioSimulator simulator;
    private static OpenApiInteractionValidator validator;

    record Exchange(com.twilio.http.Request request, Response response) {
    }

    /** The production transport, recording what crosses it. */
    static final class RecordingHttpClient extends BaseUrlHttpClient {
        final List<Exchange> exchanges = new ArrayList<>();

        RecordingHttpClient(String baseUrl) {
            super(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
        }

        @Override
        public Response makeRequest(com.twilio.http.Request request) {
            Response response = super.makeRequest(request);
            exchanges.add(new Exchange(request, response));
            return response;
        }
    }

    @BeforeAll
    static void start() {
        assertThat(SPEC).as("Twilio OpenAPI spec in the simulator's jar").isNotNull();
        validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toString())
                // Form values that look numeric ("+14155550100") are coerced to numbers by the validator before the
                // string check; on the wire they are strings.
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("form values are strings",
                        WhitelistRules.allOf(WhitelistRules.isRequest(), WhitelistRules.messageContainsSubstring(
                                "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])"))))
                .build();
        simulator = TwilioSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void everyRequestAndSuccessfulResponseConformsToTwiliosSpec() throws Exception {
        RecordingHttpClient transport = new RecordingHttpClient(simulator.baseUrl());
        TwilioHarness harness = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofSeconds(5), TwilioHarness.fastResilience(),
                (clients, guard) -> new TwilioNumbers(new TwilioClients(transport), guard, "https://example.com/voice"));

        NumberAcquired acquired = (NumberAcquired) harness.acquire(
                new AcquireNumber("org-c", "saga-c:acquire-number", "US", "415", false, null));
        assertThat(harness.assign(new AssignNumber("org-c", "saga-c:to-pool", acquired.numberSid(), acquired.phoneNumber(),
                NumberOwner.organization("org-c"), NumberOwner.pool(), null))).isInstanceOf(NumberAssigned.class);
        assertThat(harness.release(new ReleaseNumber("pool:c", "saga-c:release", acquired.numberSid(), acquired.phoneNumber(),
                null, NumberOwner.pool()))).isEqualTo(new NumberReleased(acquired.numberSid(), false));

        // Look up the owner tag, then the pre-owner-tag one, search, buy; read the tag, re-tag; read the tag, release.
        assertThat(transport.exchanges).extracting(e -> e.request().getMethod())
                .containsExactly(HttpMethod.GET, HttpMethod.GET, HttpMethod.GET, HttpMethod.POST, HttpMethod.GET,
                        HttpMethod.POST, HttpMethod.GET, HttpMethod.DELETE);
        for (Exchange exchange : transport.exchanges) {
            URI uri = exchange.request().constructURL().toURI();
            Request.Method method = Request.Method.valueOf(exchange.request().getMethod().toString());
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath())
                    .withAuthorization(exchange.request().getAuthString());
            exchange.request().getQueryParams().forEach(request::withQueryParam);
            if (exchange.request().getMethod() == HttpMethod.POST) {
                request.withContentType("application/x-www-form-urlencoded").withBody(exchange.request().encodeFormBody());
            }
            ValidationReport requestReport = validator.validateRequest(request.build());
            assertThat(requestReport.getMessages()).as("request %s %s", method, uri)
                    .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR).isEmpty();

            SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.response().getStatusCode());
            String body = exchange.response().getContent();
            if (body != null && !body.isEmpty()) {
                response.withContentType("application/json").withBody(body);
            }
            ValidationReport responseReport = validator.validateResponse(uri.getRawPath(), method, response.build());
            assertThat(responseReport.getMessages()).as("response to %s %s", method, uri)
                    .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR).isEmpty();
        }
    }
}
