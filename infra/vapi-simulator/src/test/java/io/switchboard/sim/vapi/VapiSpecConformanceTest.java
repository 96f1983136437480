package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiSimulatorTest.twilioImport;
import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.Route;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import io.switchboard.sim.common.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator against VAPI's own OpenAPI document (VapiAI/docs fern/apis/api/openapi.json, in
 * src/main/resources/specs): it serves only the document's operations, the document loads with reviewed
 * normalisations only, and what the simulator answers conforms. The simulator checks every request itself; with
 * response checks on it also checks every response, so each test ends by asserting neither produced a violation.
 */
class VapiSpecConformanceTest {

    /** md5 of the official file as fetched (docs/provider-documents.md); the copy must never be edited. */
    static final String OFFICIAL_MD5 = "0968b339c0b6c403135a0dffb7c85cfa";

    static VapiSimulator sim;
    VapiTestClient vapi;

    @BeforeAll
    static void start() {
        sim = VapiSimulator.start(CheckedSimulators.config().withFreeNumberActivationDelay(Duration.ofMillis(100)));
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
    void nothingTheDocumentDisallows() {
        assertThat(sim.violations()).as("requests the document does not allow").isEmpty();
        CheckedSimulators.assertResponsesConform(sim);
    }

    @Test
    void everyRouteIsAnOperationOfTheDocument() {
        List<Route> routes = new VapiApi(null).routes();

        assertThat(routes).isNotEmpty();
        for (Route route : routes) {
            assertThat(VapiDocument.get().operationId(route.method(), route.path().toString()))
                    .as(route.method() + " " + route.path()).contains(route.operation());
        }
    }

    @Test
    void theDocumentIsTheOfficialFile() throws NoSuchAlgorithmException {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(resource()));

        assertThat(md5).isEqualTo(OFFICIAL_MD5);
        assertThat(VapiDocument.get().version()).isEqualTo("1.0");
    }

    /**
     * Every change the fixes make to the published document, pinned: a new version of the document that needs a
     * new change fails here, so that someone reads the change before the simulator enforces it.
     */
    @Test
    void theNormalisationsAreTheReviewedOnes() {
        assertThat(VapiDocument.get().normalisations()).isEqualTo(Map.of(
                "MoveParameterAllOfIntoSchema", List.of(
                        "/paths/~1session/get/parameters/8/schema/allOf",
                        "/paths/~1session/get/parameters/9/schema/allOf"),
                "MergeDuplicateParameters", List.of("/paths/~1session/get/parameters/12"),
                "AddMissingPathParameters", List.of("/paths/~1call~1{id}/delete/parameters"),
                "DropArrayExamples", List.of(
                        "/components/schemas/RegexCondition/properties/regex/examples",
                        "/components/schemas/LiquidCondition/properties/liquid/examples",
                        "/components/schemas/GroupCondition/properties/operator/examples",
                        "/components/schemas/GroupCondition/properties/conditions/examples",
                        "/components/schemas/ToolRejectionPlan/properties/conditions/examples",
                        "/components/schemas/LivekitSmartEndpointingPlan/properties/waitFunction/examples",
                        "/components/schemas/SayHookAction/properties/exact/examples",
                        "/components/schemas/SayHookAction/properties/prompt/examples",
                        "/components/schemas/RecordingConsentPlanStayOnLine/properties/message/examples",
                        "/components/schemas/RecordingConsentPlanVerbal/properties/message/examples",
                        "/components/schemas/Chat/properties/input/examples",
                        "/components/schemas/CreateChatDTO/properties/input/examples",
                        "/components/schemas/OpenAIResponsesRequest/properties/input/examples",
                        "/components/schemas/CreateWebChatDTO/properties/input/examples",
                        "/components/schemas/OpenAIWebChatRequest/properties/input/examples",
                        "/components/schemas/ChatEvalToolResponseMessageMock/properties/content/examples"),
                "DropMistypedDefaults", List.of(
                        "/components/schemas/TransferPlan/properties/sipVerb/default",
                        "/components/schemas/ExportChatDTO/properties/columns/default",
                        "/components/schemas/ExportSessionDTO/properties/columns/default"),
                "AddMissingArrayItems", List.of(
                        "/components/schemas/ToolParameter/properties/value/oneOf/4/items",
                        "/components/schemas/TransferAssistantModel/properties/messages/items",
                        "/components/schemas/TransferAssistantModel/properties/tools/items",
                        "/components/schemas/StructuredOutputRunResult/properties/result/oneOf/4/items"),
                "ExpressDiscriminatorsAsEnums", List.of(
                        "/components/schemas/CompliancePlan/properties/recordingConsentPlan/discriminator",
                        "/components/schemas/WorkflowUserEditable/properties/credentials/items/discriminator",
                        "/components/schemas/CreateWebhookCredentialDTO/properties/authenticationPlan/discriminator",
                        "/components/schemas/AssistantOverrides/properties/credentials/items/discriminator",
                        "/components/schemas/CreateAssistantDTO/properties/credentials/items/discriminator",
                        "/components/schemas/Assistant/properties/credentials/items/discriminator",
                        "/components/schemas/AssistantDraft/properties/credentials/items/discriminator",
                        "/components/schemas/AssistantVersion/properties/credentials/items/discriminator",
                        "/components/schemas/CreateAssistantDraftDTO/properties/credentials/items/discriminator",
                        "/components/schemas/UpdateAssistantDraftDTO/properties/credentials/items/discriminator",
                        "/components/schemas/UpdateAssistantDTO/properties/credentials/items/discriminator",
                        "/components/schemas/Workflow/properties/credentials/items/discriminator",
                        "/components/schemas/CreateWorkflowDTO/properties/credentials/items/discriminator",
                        "/components/schemas/UpdateWorkflowDTO/properties/credentials/items/discriminator",
                        "/components/schemas/WebhookCredential/properties/authenticationPlan/discriminator",
                        "/components/schemas/PublicKeyEncryptionPlan/properties/publicKey/discriminator",
                        "/components/schemas/CustomCredential/properties/authenticationPlan/discriminator",
                        "/components/schemas/CustomCredential/properties/encryptionPlan/discriminator",
                        "/components/schemas/CreateCustomCredentialDTO/properties/authenticationPlan/discriminator",
                        "/components/schemas/CreateCustomCredentialDTO/properties/encryptionPlan/discriminator",
                        "/components/schemas/UpdateWebhookCredentialDTO/properties/authenticationPlan/discriminator",
                        "/components/schemas/UpdateCustomCredentialDTO/properties/authenticationPlan/discriminator",
                        "/components/schemas/UpdateCustomCredentialDTO/properties/encryptionPlan/discriminator",
                        "/components/schemas/ClientMessageAssistantSpeech/properties/timing/oneOf/0",
                        "/components/schemas/ClientMessageAssistantSpeech/properties/timing/oneOf/1",
                        "/components/schemas/ClientMessageAssistantSpeech/properties/timing/discriminator",
                        "/components/schemas/ServerMessageAssistantSpeech/properties/timing/oneOf/0",
                        "/components/schemas/ServerMessageAssistantSpeech/properties/timing/oneOf/1",
                        "/components/schemas/ServerMessageAssistantSpeech/properties/timing/discriminator",
                        "/paths/~1phone-number/get/responses/200/content/application~1json/schema/items/discriminator",
                        "/paths/~1phone-number/post/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1phone-number/post/responses/201/content/application~1json/schema/discriminator",
                        "/paths/~1phone-number~1{id}/get/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1phone-number~1{id}/delete/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1phone-number~1{id}/patch/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1phone-number~1{id}/patch/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1tool/get/responses/200/content/application~1json/schema/items/oneOf/6",
                        "/paths/~1tool/get/responses/200/content/application~1json/schema/items/discriminator",
                        "/paths/~1tool/post/requestBody/content/application~1json/schema/oneOf/1",
                        "/paths/~1tool/post/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1tool/post/responses/201/content/application~1json/schema/oneOf/6",
                        "/paths/~1tool/post/responses/201/content/application~1json/schema/discriminator",
                        "/paths/~1tool~1{id}/get/responses/200/content/application~1json/schema/oneOf/6",
                        "/paths/~1tool~1{id}/get/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1tool~1{id}/delete/responses/200/content/application~1json/schema/oneOf/6",
                        "/paths/~1tool~1{id}/delete/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1tool~1{id}/patch/requestBody/content/application~1json/schema/oneOf/1",
                        "/paths/~1tool~1{id}/patch/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1tool~1{id}/patch/responses/200/content/application~1json/schema/oneOf/6",
                        "/paths/~1tool~1{id}/patch/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight/post/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight/post/responses/201/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight~1{id}/get/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight~1{id}/delete/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight~1{id}/patch/requestBody/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight~1{id}/patch/responses/200/content/application~1json/schema/discriminator",
                        "/paths/~1reporting~1insight~1preview/post/requestBody/content/application~1json/schema/discriminator"),
                "DedupeEnumValues", List.of(
                        "/components/schemas/DeepgramVoice/properties/voiceId/enum",
                        "/components/schemas/FallbackDeepgramVoice/properties/voiceId/enum",
                        "/components/schemas/Call/properties/endedReason/enum",
                        "/components/schemas/ServerMessageEndOfCallReport/properties/endedReason/enum",
                        "/components/schemas/ServerMessageStatusUpdate/properties/endedReason/enum")));
    }

    @Test
    void assistantsConform() {
        HttpResponse<String> created = vapi.createAssistant("""
                {"name":"Acme inbound","firstMessage":"Hello, thank you for calling Acme.",
                 "model":{"provider":"openai","model":"gpt-4o","messages":[{"role":"system","content":"Be nice."}]},
                 "voice":{"provider":"vapi","voiceId":"Elliot"},
                 "metadata":{"requestId":"r-1","orgId":"org-42","role":"INBOUND"},
                 "server":{"url":"https://example.com/vapi"}}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").stringValue();

        assertThat(vapi.http.get("/assistant/" + id).statusCode()).isEqualTo(200);
        assertThat(vapi.http.get("/assistant?limit=10").statusCode()).isEqualTo(200);
        assertThat(vapi.http.get("/assistant?limit=1000&createdAtGt=2020-01-01T00:00:00.000Z").statusCode()).isEqualTo(200);
        assertThat(vapi.http.patchJson("/assistant/" + id, "{\"name\":\"renamed\",\"firstMessage\":\"Hi\"}").statusCode())
                .isEqualTo(200);
        assertThat(vapi.http.delete("/assistant/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void phoneNumbersConform() {
        String assistant = vapi.createAssistantId("inbound");
        HttpResponse<String> imported = vapi.createPhoneNumber(twilioImport("+13125550100", assistant, "org-42"));
        HttpResponse<String> free = vapi.createPhoneNumber(
                "{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"415\",\"assistantId\":\"" + assistant + "\",\"name\":\"free\"}");
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(free.statusCode()).isEqualTo(201);
        String id = json(imported).get("id").stringValue();
        String freeId = json(free).get("id").stringValue();

        Await.until(() -> "active".equals(json(vapi.http.get("/phone-number/" + freeId)).get("status").stringValue()));
        assertThat(vapi.http.get("/phone-number?limit=100").statusCode()).isEqualTo(200);
        assertThat(vapi.http.get("/v2/phone-number?search=org-42&page=1&limit=10").statusCode()).isEqualTo(200);
        assertThat(vapi.http.patchJson("/phone-number/" + id, "{\"provider\":\"twilio\",\"assistantId\":\"" + assistant + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(vapi.http.patchJson("/phone-number/" + freeId, "{\"provider\":\"vapi\",\"name\":\"renamed\"}").statusCode())
                .isEqualTo(200);
        assertThat(vapi.http.delete("/phone-number/" + id).statusCode()).isEqualTo(200);
        assertThat(vapi.http.delete("/phone-number/" + freeId).statusCode()).isEqualTo(200);
    }

    /** The fields the SDKs type (generated from these schemas) that the simulator knows, present when set. */
    @Test
    void phoneNumbersCarryTheirProvidersFields() {
        String assistant = vapi.createAssistantId("inbound");
        JsonNode imported = json(vapi.createPhoneNumber(twilioImport("+13125550101", assistant, "org-42")));
        JsonNode free = json(vapi.createPhoneNumber("{\"provider\":\"vapi\",\"numberDesiredAreaCode\":\"212\"}"));

        assertThat(imported.propertyNames()).contains("provider", "id", "orgId", "createdAt", "updatedAt", "number",
                "twilioAccountSid", "status", "name", "assistantId");
        assertThat(free.propertyNames()).contains("provider", "id", "orgId", "createdAt", "updatedAt", "status",
                "numberDesiredAreaCode");
    }

    /** Guards against a check that silently accepts everything. */
    @Test
    void theResponseCheckRejectsWhatTheSchemaDoesNot() {
        HttpResponse<String> created = vapi.createPhoneNumber(twilioImport("+13125550102", null, "org-42"));
        SimRequest request = new SimRequest("POST", "/phone-number", Map.of(), Map.of(), new byte[0], Map.of());
        String leaky = created.body().replace("\"provider\":\"twilio\"",
                "\"provider\":\"twilio\",\"credentialId\":\"5117a11e-0000-4000-8000-000000000001\"");

        assertThat(VapiDocument.get().checkResponse(request, response(201, leaky))).isNotEmpty();
        assertThat(VapiDocument.get().checkResponse(request, response(201, created.body()))).isEmpty();
    }

    private static SimResponse response(int status, String body) {
        return new SimResponse(status, SimResponse.JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static byte[] resource() {
        try (InputStream in = VapiSpecConformanceTest.class.getResourceAsStream(VapiDocument.RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
