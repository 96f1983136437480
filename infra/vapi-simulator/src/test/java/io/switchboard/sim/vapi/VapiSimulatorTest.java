package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.testing.Await;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VapiSimulatorTest {

    static final String TWILIO_SID = "ACcafe0000000000000000000000000001";
    static final String TWILIO_TOKEN = "7e570000000000000000000000000001";

    static VapiSimulator sim;
    VapiTestClient vapi;

    @BeforeAll
    static void start() {
        sim = VapiSimulator.start(CheckedSimulators.config().withFreeNumberActivationDelay(Duration.ofMillis(300)));
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
        vapi = VapiTestClient.of(sim);
    }

    @Test
    void defaultsAreTheDocumentedTestValues() {
        VapiSimulatorConfig defaults = VapiSimulatorConfig.defaults();

        assertThat(defaults.apiKey()).isEqualTo("5117a11e-0000-4000-8000-00000000c0de");
        assertThat(defaults.freeNumberLimit()).isEqualTo(5);
        assertThat(defaults.toString()).doesNotContain(defaults.apiKey());
    }

    @Test
    void rejectsMissingOrWrongKeyWithVapi401() {
        List<HttpResponse<String>> rejected = List.of(
                new HttpTestClient(sim.baseUrl()).get("/assistant"),
                new VapiTestClient(sim.baseUrl(), "wrong-key").createAssistant("{\"name\":\"x\"}"));

        for (HttpResponse<String> response : rejected) {
            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode body = json(response);
            assertThat(body.get("message").stringValue()).startsWith("Invalid Key. Hot tip");
            assertThat(body.get("error").stringValue()).isEqualTo("Unauthorized");
            assertThat(body.get("statusCode").asInt()).isEqualTo(401);
        }
        assertThat(sim.assistantCreateCount()).isZero();
    }

    @Test
    void assistantCreateEchoesConfigurationAndMetadataVerbatim() {
        HttpResponse<String> response = vapi.createAssistant("""
                {"name":"Acme inbound","firstMessage":"Hi!",
                 "model":{"provider":"openai","model":"gpt-4o","messages":[{"role":"system","content":"Be nice."}]},
                 "voice":{"provider":"vapi","voiceId":"Elliot"},
                 "metadata":{"orgId":"org-42","sagaId":"s-1","nested":{"n":1}}}""");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode a = json(response);
        assertThat(UUID.fromString(a.get("id").stringValue())).isNotNull();
        assertThat(a.get("orgId").stringValue()).isEqualTo(sim.config().orgId());
        assertThat(a.get("createdAt").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(a.get("createdAt").stringValue())).isNotNull();
        assertThat(Instant.parse(a.get("updatedAt").stringValue())).isNotNull();
        assertThat(a.get("name").stringValue()).isEqualTo("Acme inbound");
        assertThat(a.get("model").get("messages").get(0).get("content").stringValue()).isEqualTo("Be nice.");
        assertThat(a.get("voice").get("voiceId").stringValue()).isEqualTo("Elliot");
        assertThat(a.get("metadata").get("nested").get("n").asInt()).isEqualTo(1);
        assertThat(sim.assistants()).singleElement().satisfies(stored -> {
            assertThat(stored.name()).isEqualTo("Acme inbound");
            assertThat(stored.metadata().get("sagaId").stringValue()).isEqualTo("s-1");
        });
    }

    @Test
    void assistantGetListPatchDeleteAnd404() {
        String first = vapi.createAssistantId("first");
        String second = vapi.createAssistantId("second");

        assertThat(json(vapi.http.get("/assistant/" + first)).get("name").stringValue()).isEqualTo("first");
        assertThat(ids(json(vapi.http.get("/assistant")))).containsExactlyInAnyOrder(first, second);
        assertThat(json(vapi.http.get("/assistant?limit=1"))).hasSize(1);

        HttpResponse<String> patched = vapi.http.patchJson("/assistant/" + first, "{\"name\":\"renamed\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).get("name").stringValue()).isEqualTo("renamed");

        HttpResponse<String> deleted = vapi.http.delete("/assistant/" + first);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("id").stringValue()).isEqualTo(first);
        assertThat(json(deleted).get("name").stringValue()).isEqualTo("renamed");

        for (HttpResponse<String> missing : List.of(vapi.http.get("/assistant/" + first), vapi.http.delete("/assistant/" + first))) {
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(json(missing).get("message").stringValue()).isEqualTo("Not Found");
            assertThat(json(missing).get("statusCode").asInt()).isEqualTo(404);
        }
        assertThat(vapi.http.get("/assistant/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(sim.assistants()).extracting(Assistant::id).containsExactly(second);
        assertThat(sim.assistantCreateCount()).isEqualTo(2);
    }

    @Test
    void assistantValidationFailsLikeNest() {
        HttpResponse<String> tooLong = vapi.createAssistant("{\"name\":\"" + "n".repeat(41) + "\",\"serverUrl\":\"https://x\"}");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        JsonNode body = json(tooLong);
        assertThat(body.get("error").stringValue()).isEqualTo("Bad Request");
        assertThat(messages(body)).containsExactly("property serverUrl should not exist",
                "name must be shorter than or equal to 40 characters");
        assertThat(vapi.createAssistant("{\"metadata\":\"not-an-object\"}").statusCode()).isEqualTo(400);
        assertThat(vapi.http.send("POST", "/assistant", "text/plain", "name=x").statusCode()).isEqualTo(400);
        assertThat(sim.assistantCreateCount()).isZero();
    }

    @Test
    void twilioImportIsActiveAndNeverEchoesTheToken() {
        String assistant = vapi.createAssistantId("inbound");

        HttpResponse<String> response = vapi.createPhoneNumber(twilioImport("+14155550100", assistant, "org-42"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode p = json(response);
        assertThat(p.get("provider").stringValue()).isEqualTo("twilio");
        assertThat(p.get("status").stringValue()).isEqualTo("active");
        assertThat(p.get("number").stringValue()).isEqualTo("+14155550100");
        assertThat(p.get("twilioAccountSid").stringValue()).isEqualTo(TWILIO_SID);
        assertThat(p.get("assistantId").stringValue()).isEqualTo(assistant);
        assertThat(p.get("name").stringValue()).isEqualTo("org-42");
        assertThat(response.body()).doesNotContain(TWILIO_TOKEN).doesNotContain("twilioAuthToken");
        assertThat(vapi.http.get("/phone-number").body()).doesNotContain(TWILIO_TOKEN);
        assertThat(new HttpTestClient(sim.baseUrl()).get("/__admin/inventory").body()).doesNotContain(TWILIO_TOKEN);
        assertThat(sim.phoneNumbers()).singleElement().satisfies(stored -> {
            assertThat(stored.number()).isEqualTo("+14155550100");
            assertThat(stored.toString()).doesNotContain(TWILIO_TOKEN);
        });
    }

    @Test
    void duplicateAndInvalidImportsAreRejected() {
        assertThat(vapi.createPhoneNumber(twilioImport("+14155550100", null, "a")).statusCode()).isEqualTo(201);

        HttpResponse<String> duplicate = vapi.createPhoneNumber(twilioImport("+14155550100", null, "b"));
        HttpResponse<String> notE164 = vapi.createPhoneNumber(twilioImport("4155550101", null, "c"));
        HttpResponse<String> noSecret = vapi.createPhoneNumber(
                "{\"provider\":\"twilio\",\"number\":\"+14155550102\",\"twilioAccountSid\":\"" + TWILIO_SID + "\"}");
        HttpResponse<String> unknownAssistant = vapi.createPhoneNumber(twilioImport("+14155550103", UUID.randomUUID().toString(), "d"));

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("message").stringValue()).contains("already exists");
        assertThat(notE164.statusCode()).isEqualTo(400);
        assertThat(messages(json(notE164))).containsExactly(
                "number must be a valid phone number in the E.164 format. Hot tip, you may be missing the country code (Eg. US: +1).");
        assertThat(noSecret.statusCode()).isEqualTo(400);
        assertThat(unknownAssistant.statusCode()).isEqualTo(400);
        assertThat(sim.phoneNumbers()).hasSize(1);
    }

    @Test
    void twilioNumberDirectoryHookCanRejectUnknownNumbers() {
        TwilioNumberDirectory onlyOne = (sid, number) -> sid.equals(TWILIO_SID) && number.equals("+14155550100");
        try (VapiSimulator strict = VapiSimulator.start(CheckedSimulators.config().withTwilioNumbers(onlyOne))) {
            VapiTestClient client = VapiTestClient.of(strict);

            HttpResponse<String> unknown = client.createPhoneNumber(twilioImport("+14155550199", null, "x"));

            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(json(unknown).get("message").stringValue()).isEqualTo("Number Not Found on Twilio.");
            assertThat(client.createPhoneNumber(twilioImport("+14155550100", null, "x")).statusCode()).isEqualTo(201);
            CheckedSimulators.assertResponsesConform(strict);
        }
    }

    @Test
    void phoneNumberRebindRenameDeleteAnd404() {
        String inbound = vapi.createAssistantId("inbound");
        String other = vapi.createAssistantId("other");
        String id = json(vapi.createPhoneNumber(twilioImport("+14155550100", inbound, "before"))).get("id").stringValue();

        HttpResponse<String> patched = vapi.http.patchJson("/phone-number/" + id,
                "{\"provider\":\"twilio\",\"assistantId\":\"" + other + "\",\"name\":\"after\"}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).get("assistantId").stringValue()).isEqualTo(other);
        assertThat(json(vapi.http.get("/phone-number/" + id)).get("name").stringValue()).isEqualTo("after");
        assertThat(vapi.http.patchJson("/phone-number/" + id, "{\"provider\":\"vapi\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> deleted = vapi.http.delete("/phone-number/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("number").stringValue()).isEqualTo("+14155550100");
        assertThat(vapi.http.get("/phone-number/" + id).statusCode()).isEqualTo(404);
        assertThat(vapi.http.delete("/phone-number/" + id).statusCode()).isEqualTo(404);
        assertThat(vapi.http.patchJson("/phone-number/" + id, "{\"provider\":\"twilio\",\"name\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(sim.phoneNumbers()).isEmpty();
        assertThat(sim.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void freeNumberHasNoNumberUntilActivationDelayElapses() {
        String assistant = vapi.createAssistantId("inbound");

        HttpResponse<String> created = vapi.createPhoneNumber(
                "{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"212\",\"assistantId\":\"" + assistant + "\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode p = json(created);
        assertThat(p.get("status").stringValue()).isEqualTo("activating");
        assertThat(p.has("number")).isFalse();
        String id = p.get("id").stringValue();

        Await.until(() -> "active".equals(json(vapi.http.get("/phone-number/" + id)).get("status").stringValue()));
        JsonNode active = json(vapi.http.get("/phone-number/" + id));
        assertThat(active.get("number").stringValue()).matches("\\+1212\\d{7}");
        assertThat(active.get("assistantId").stringValue()).isEqualTo(assistant);
        assertThat(sim.phoneNumbers()).singleElement().satisfies(n -> assertThat(n.isActive()).isTrue());
    }

    @Test
    void freeNumbersAreLimitedPerAccount() {
        for (int i = 0; i < 5; i++) {
            assertThat(vapi.createPhoneNumber("{\"provider\":\"vapi\"}").statusCode()).isEqualTo(201);
        }

        HttpResponse<String> sixth = vapi.createPhoneNumber("{\"provider\":\"vapi\"}");

        assertThat(sixth.statusCode()).isEqualTo(400);
        assertThat(json(sixth).get("message").stringValue()).contains("up to 5 free Vapi phone numbers");
        assertThat(vapi.createPhoneNumber(twilioImport("+14155550100", null, "paid")).statusCode()).isEqualTo(201);
        assertThat(vapi.createPhoneNumber("{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"12\"}").statusCode()).isEqualTo(400);
        assertThat(sim.phoneNumbers()).hasSize(6);
    }

    /** VAPI's document has no /credential operation and no credentialId on a Twilio import. */
    @Test
    void thereAreNoCredentialsAndImportsTakeTheTwilioSecretInline() {
        HttpResponse<String> credential = vapi.http.postJson("/credential",
                "{\"provider\":\"twilio\",\"accountSid\":\"" + TWILIO_SID + "\",\"authToken\":\"" + TWILIO_TOKEN + "\"}");
        HttpResponse<String> viaCredentialId = vapi.createPhoneNumber("{\"provider\":\"twilio\",\"number\":\"+14155550100\","
                + "\"twilioAccountSid\":\"" + TWILIO_SID + "\",\"credentialId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(credential.statusCode()).isEqualTo(404);
        assertThat(json(credential).get("message").stringValue()).isEqualTo("Cannot POST /credential");
        assertThat(viaCredentialId.statusCode()).isEqualTo(400);
        assertThat(messages(json(viaCredentialId))).containsExactly("property credentialId should not exist");
        assertThat(sim.phoneNumbers()).isEmpty();
        assertThat(sim.violations()).hasSize(2);
        assertThat(sim.violations().toString()).doesNotContain(TWILIO_TOKEN);
    }

    @Test
    void v2SearchFindsByNameOrNumber() {
        vapi.createPhoneNumber(twilioImport("+14155550100", null, "org-42 main"));
        vapi.createPhoneNumber(twilioImport("+12125550100", null, "org-7 main"));

        JsonNode byNumber = json(vapi.http.get("/v2/phone-number?search=%2B1415"));
        JsonNode byName = json(vapi.http.get("/v2/phone-number?search=ORG-7"));

        assertThat(byNumber.get("results")).hasSize(1);
        assertThat(byNumber.get("results").get(0).get("number").stringValue()).isEqualTo("+14155550100");
        assertThat(byNumber.get("metadata").get("totalItems").asInt()).isEqualTo(1);
        assertThat(byName.get("results").get(0).get("number").stringValue()).isEqualTo("+12125550100");
    }

    @Test
    void unknownRoutesAnswerLikeNest() {
        HttpResponse<String> response = vapi.http.get("/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").stringValue()).isEqualTo("Cannot GET /nope");
    }

    static String twilioImport(String number, String assistantId, String name) {
        return "{\"provider\":\"twilio\",\"number\":\"" + number + "\",\"twilioAccountSid\":\"" + TWILIO_SID
                + "\",\"twilioAuthToken\":\"" + TWILIO_TOKEN + "\""
                + (assistantId == null ? "" : ",\"assistantId\":\"" + assistantId + "\"")
                + ",\"name\":\"" + name + "\"}";
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }

    static List<String> messages(JsonNode body) {
        List<String> messages = new ArrayList<>();
        body.get("message").forEach(m -> messages.add(m.stringValue()));
        return messages;
    }
}
