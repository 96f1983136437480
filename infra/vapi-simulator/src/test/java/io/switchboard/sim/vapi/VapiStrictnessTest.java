package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiSimulatorTest.TWILIO_SID;
import static io.switchboard.sim.vapi.VapiSimulatorTest.TWILIO_TOKEN;
import static io.switchboard.sim.vapi.VapiSimulatorTest.messages;
import static io.switchboard.sim.vapi.VapiSimulatorTest.twilioImport;
import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.RequestStats;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing VAPI's document does not declare is accepted: each kind of mistake gets VAPI's NestJS-shaped 400 (or
 * 404 for unknown routes) in class-validator's words, changes nothing and is recorded as a violation; the requests
 * the VAPI worker makes are accepted and record none.
 */
class VapiStrictnessTest {

    static VapiSimulator sim;
    VapiTestClient vapi;

    @BeforeAll
    static void start() {
        sim = VapiSimulator.start(CheckedSimulators.config().withFreeNumberActivationDelay(Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        vapi = VapiTestClient.of(sim);
    }

    @AfterEach
    void responsesConform() {
        CheckedSimulators.assertResponsesConform(sim);
    }

    @Test
    void undeclaredPropertiesAreRejectedInClassValidatorsWordsAndRecordedWithoutValues() {
        HttpResponse<String> credentialId = vapi.createPhoneNumber("{\"provider\":\"twilio\",\"number\":\"+14155550100\","
                + "\"twilioAccountSid\":\"" + TWILIO_SID + "\",\"twilioAuthToken\":\"" + TWILIO_TOKEN + "\","
                + "\"credentialId\":\"5117a11e-0000-4000-8000-000000000001\"}");
        HttpResponse<String> serverUrl = vapi.createAssistant("{\"name\":\"a\",\"serverUrl\":\"https://example.com\"}");
        HttpResponse<String> nested = vapi.createAssistant("{\"voice\":{\"provider\":\"vapi\",\"voiceId\":\"Elliot\",\"pitch\":2}}");
        HttpResponse<String> query = vapi.http.get("/assistant?limit=10&orgId=42");

        assertValidation(credentialId, "property credentialId should not exist");
        assertValidation(serverUrl, "property serverUrl should not exist");
        assertValidation(nested, "voice.property pitch should not exist");
        assertValidation(query, "property orgId should not exist");
        assertThat(sim.phoneNumbers()).isEmpty();
        assertThat(sim.assistants()).isEmpty();
        assertThat(sim.violations()).extracting(Violation::operation).containsExactly("PhoneNumberController_create",
                "AssistantController_create", "AssistantController_create", "AssistantController_findAll");
        assertThat(sim.violations().get(0).messages()).containsExactly("property credentialId should not exist");
        assertThat(sim.violations().toString()).doesNotContain(TWILIO_TOKEN).doesNotContain("example.com");
    }

    @Test
    void unknownRoutesAnswerLikeNestAndAreRecorded() {
        HttpResponse<String> credential = vapi.http.postJson("/credential", "{\"provider\":\"twilio\"}");
        HttpResponse<String> calls = vapi.http.get("/call");

        assertThat(credential.statusCode()).isEqualTo(404);
        assertThat(json(credential).get("message").stringValue()).isEqualTo("Cannot POST /credential");
        assertThat(calls.statusCode()).isEqualTo(404);
        assertThat(sim.violations()).extracting(Violation::operation).containsOnly(RequestStats.UNMATCHED);
        assertThat(sim.violations()).extracting(v -> v.messages().get(0)).containsExactly(
                "the document declares no operation for this method and path",
                "the document declares this operation, but the simulator does not serve it");
    }

    @Test
    void malformedValuesAreRejected() {
        String id = vapi.createAssistantId("kept");

        assertValidation(vapi.createAssistant("{\"name\":\"" + "n".repeat(41) + "\"}"),
                "name must be shorter than or equal to 40 characters");
        assertValidation(vapi.createAssistant("{\"name\":42}"), "name must be a string");
        assertValidation(vapi.createAssistant("{\"metadata\":\"org-42\"}"), "metadata must be an object");
        assertValidation(vapi.createAssistant("{\"firstMessageMode\":\"sometimes\"}"),
                "firstMessageMode must be one of the following values: assistant-speaks-first, "
                        + "assistant-speaks-first-with-model-generated-message, assistant-waits-for-user");
        assertValidation(vapi.createAssistant(
                        "{\"model\":{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"boss\",\"content\":\"x\"}]}}"),
                "model.messages.0.role must be one of the following values: assistant, function, user, system, tool");
        HttpResponse<String> unknownVoice = vapi.createAssistant("{\"voice\":{\"provider\":\"nobody\",\"voiceId\":\"x\"}}");
        assertThat(unknownVoice.statusCode()).isEqualTo(400);
        assertThat(messages(json(unknownVoice))).singleElement().asString()
                .startsWith("voice.provider must be one of the following values: ").contains("11labs", "vapi");
        assertValidation(vapi.createPhoneNumber("{\"provider\":\"sip\"}"),
                "provider must be one of the following values: byo-phone-number, telnyx, twilio, vapi, vonage");
        assertValidation(vapi.createPhoneNumber("{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"12\"}"),
                "numberDesiredAreaCode must be longer than or equal to 3 characters");
        assertValidation(vapi.http.get("/assistant?limit=many"), "limit must be a number conforming to the specified constraints");
        assertValidation(vapi.http.get("/phone-number?limit=1001"), "limit must not be greater than 1000");
        assertValidation(vapi.http.get("/phone-number?createdAtGt=yesterday"), "createdAtGt must be a valid ISO 8601 date string");
        assertValidation(vapi.http.send("POST", "/assistant", "text/plain", "name=x"), "the request body must be application/json");

        HttpResponse<String> notUuid = vapi.http.get("/assistant/" + id.substring(1));
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertThat(json(notUuid).get("message").stringValue()).isEqualTo("Validation failed (uuid is expected)");
        HttpResponse<String> notJson = vapi.createAssistant("{\"name\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("message").isString()).isTrue();

        assertThat(sim.assistantCreateCount()).isEqualTo(1);
        assertThat(sim.phoneNumbers()).isEmpty();
        assertThat(sim.violations()).hasSize(14);
    }

    @Test
    void missingRequiredFieldsAreRejected() {
        String id = json(vapi.createPhoneNumber(twilioImport("+14155550100", null, "org-42"))).get("id").stringValue();

        assertValidation(vapi.createPhoneNumber("{\"provider\":\"twilio\",\"number\":\"+14155550101\"}"),
                "twilioAccountSid should not be empty");
        assertValidation(vapi.createPhoneNumber("{}"), "provider should not be empty");
        assertValidation(vapi.http.patchJson("/phone-number/" + id, "{\"name\":\"no provider\"}"), "provider should not be empty");
        assertValidation(vapi.http.send("PATCH", "/assistant/" + vapi.createAssistantId("a"), "application/json", null),
                "the request body should not be empty");

        assertThat(sim.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("org-42"));
        assertThat(sim.violations()).hasSize(4);
    }

    /** VAPI's rules the document states in prose only: the server applies them after the schema check. */
    @Test
    void documentedRulesBeyondTheSchemaAreBusinessErrorsNotViolations() {
        assertValidation(vapi.createPhoneNumber(twilioImport("4155550100", null, "x")),
                "number must be a valid phone number in the E.164 format. Hot tip, you may be missing the country code (Eg. US: +1).");
        assertThat(vapi.createPhoneNumber("{\"provider\":\"twilio\",\"number\":\"+14155550100\",\"twilioAccountSid\":\""
                + TWILIO_SID + "\"}").statusCode()).isEqualTo(400);
        assertThat(vapi.createPhoneNumber("{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"abc\"}").statusCode()).isEqualTo(400);

        assertThat(sim.violations()).isEmpty();
    }

    /** What the VAPI worker sends (adapters-vapi, Feign with JSON headers on every call), once it imports inline. */
    @Test
    void theRequestsTheWorkerMakesAreAccepted() {
        HttpTestClient feign = vapi.http.withHeader("Accept", "application/json");
        assertThat(feign.send("GET", "/assistant?limit=1000", "application/json", null).statusCode()).isEqualTo(200);
        HttpResponse<String> assistant = feign.postJson("/assistant", """
                {"name":"Acme inbound","firstMessage":"Hello, thank you for calling Acme. How can I help you today?",
                 "model":{"provider":"openai","model":"gpt-4o","messages":[{"role":"system","content":"You are friendly."}]},
                 "voice":{"provider":"vapi","voiceId":"Elliot"},
                 "metadata":{"requestId":"saga-1:create-assistant","orgId":"org-42","role":"INBOUND"},
                 "server":{"url":"https://example.com/vapi"}}""");
        assertThat(assistant.statusCode()).isEqualTo(201);
        String assistantId = json(assistant).get("id").stringValue();
        assertThat(feign.send("GET", "/phone-number?limit=1000", "application/json", null).statusCode()).isEqualTo(200);
        HttpResponse<String> imported = feign.postJson("/phone-number", twilioImport("+14155550100", assistantId, "org-42"));
        HttpResponse<String> free = feign.postJson("/phone-number",
                "{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"415\",\"assistantId\":\"" + assistantId + "\",\"name\":\"org-42\"}");
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(free.statusCode()).isEqualTo(201);
        String number = json(imported).get("id").stringValue();
        assertThat(feign.send("GET", "/phone-number/" + number, "application/json", null).statusCode()).isEqualTo(200);
        assertThat(feign.patchJson("/phone-number/" + number, "{\"provider\":\"twilio\",\"assistantId\":\"" + assistantId + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(feign.send("DELETE", "/phone-number/" + number, "application/json", null).statusCode()).isEqualTo(200);
        assertThat(feign.send("DELETE", "/assistant/" + assistantId, "application/json", null).statusCode()).isEqualTo(200);

        assertThat(sim.violations()).isEmpty();
        assertThat(new HttpTestClient(sim.baseUrl()).get("/__admin/violations").body())
                .isEqualTo("{\"total\":0,\"violations\":[]}");
    }

    private static void assertValidation(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").stringValue()).isEqualTo("Bad Request");
        assertThat(body.get("statusCode").asInt()).isEqualTo(400);
        assertThat(messages(body)).as(response.body()).containsExactly(message);
    }
}
