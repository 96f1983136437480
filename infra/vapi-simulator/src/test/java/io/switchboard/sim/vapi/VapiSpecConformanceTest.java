package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiSimulatorTest.twilioImport;
import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.Json;
import io.switchboard.sim.common.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Checks the simulator against VAPI's OpenAPI document (VapiAI/docs fern/apis/api/openapi.json, copied to
 * src/test/resources/specs). A full OpenAPI validator is not used here: the 3.25 MB document is built from
 * deep discriminated oneOf unions (Prism never finished loading it), so instead each response is checked by
 * hand for the schema's required fields, only declared properties and enum values, and the request DTO
 * property lists the simulator enforces are compared with the spec's.
 */
class VapiSpecConformanceTest {

    static JsonNode spec;
    static VapiSimulator sim;
    static VapiTestClient vapi;

    @BeforeAll
    static void load() {
        try (InputStream in = VapiSpecConformanceTest.class.getResourceAsStream("/specs/vapi_openapi.json")) {
            spec = Json.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sim = VapiSimulator.start(VapiSimulatorConfig.defaults().withFreeNumberActivationDelay(Duration.ZERO));
        vapi = VapiTestClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyRouteExceptCredentialIsASpecOperation() {
        for (Route route : new VapiApi(null).routes()) {
            String path = route.path().toString();
            if (path.startsWith("/credential")) {
                continue; // documented in VAPI's guides, but not in the current public spec
            }
            JsonNode operation = spec.path("paths").path(path).path(route.method().toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as(route.method() + " " + path).isTrue();
            assertThat(operation.path("operationId").stringValue()).isEqualTo(route.operation());
        }
    }

    @Test
    void enforcedRequestPropertiesAreTheSpecsDtos() {
        assertThat(VapiDtos.CREATE_ASSISTANT).isEqualTo(properties("CreateAssistantDTO"));
        assertThat(VapiDtos.CREATE_VAPI_PHONE_NUMBER).isEqualTo(properties("CreateVapiPhoneNumberDTO"));
        assertThat(VapiDtos.UPDATE_TWILIO_PHONE_NUMBER).isEqualTo(properties("UpdateTwilioPhoneNumberDTO"));
        assertThat(VapiDtos.UPDATE_VAPI_PHONE_NUMBER).isEqualTo(properties("UpdateVapiPhoneNumberDTO"));
        assertThat(VapiDtos.CREATE_TWILIO_CREDENTIAL).isEqualTo(properties("CreateTwilioCredentialDTO"));
        Set<String> twilioImport = new HashSet<>(VapiDtos.CREATE_TWILIO_PHONE_NUMBER);
        twilioImport.remove("credentialId");
        assertThat(twilioImport).isEqualTo(properties("CreateTwilioPhoneNumberDTO"));
    }

    @Test
    void assistantResponsesMatchTheAssistantSchema() {
        JsonNode created = json(vapi.createAssistant("""
                {"name":"org-42 inbound","firstMessage":"Hi","model":{"provider":"openai","model":"gpt-4o"},
                 "voice":{"provider":"vapi","voiceId":"Elliot"},"metadata":{"orgId":"42"}}"""));

        assertMatchesSchema(created, "Assistant");
        assertMatchesSchema(json(vapi.http.get("/assistant/" + created.get("id").stringValue())), "Assistant");
    }

    @Test
    void phoneNumberResponsesMatchTheirProviderSchemas() {
        JsonNode imported = json(vapi.createPhoneNumber(twilioImport("+13125550100", null, "org-42")));
        JsonNode free = json(vapi.createPhoneNumber("{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"415\"}"));

        assertMatchesSchema(imported, "TwilioPhoneNumber");
        assertMatchesSchema(free, "VapiPhoneNumber");
        JsonNode page = json(vapi.http.get("/v2/phone-number?search=org-42"));
        assertMatchesSchema(page, "PhoneNumberPaginatedResponse");
        assertMatchesSchema(page.get("metadata"), "PaginationMeta");
    }

    @Test
    void credentialResponsesMatchTheTwilioCredentialSchema() {
        JsonNode credential = json(vapi.http.postJson("/credential",
                "{\"provider\":\"twilio\",\"accountSid\":\"ACcafe0000000000000000000000000001\",\"apiKey\":\"SK1\",\"apiSecret\":\"s\",\"name\":\"c\"}"));

        assertMatchesSchema(credential, "TwilioCredential");
    }

    /** Required fields present, no undeclared fields, string enums respected. */
    private static void assertMatchesSchema(JsonNode instance, String schemaName) {
        JsonNode schema = spec.path("components").path("schemas").path(schemaName);
        assertThat(schema.isObject()).as(schemaName).isTrue();
        schema.path("required").forEach(required ->
                assertThat(instance.has(required.stringValue())).as(schemaName + " requires " + required).isTrue());
        JsonNode declared = schema.path("properties");
        instance.propertyNames().forEach(name -> {
            boolean extension = name.equals("credentialId") && schemaName.equals("TwilioPhoneNumber");
            assertThat(declared.has(name) || extension).as(schemaName + " declares " + name).isTrue();
            JsonNode allowed = declared.path(name).path("enum");
            if (allowed.isArray() && instance.get(name).isString()) {
                assertThat(allowed.toString()).as(schemaName + "." + name).contains("\"" + instance.get(name).stringValue() + "\"");
            }
        });
    }

    private static Set<String> properties(String schemaName) {
        return new HashSet<>(spec.path("components").path("schemas").path(schemaName).path("properties").propertyNames());
    }
}
