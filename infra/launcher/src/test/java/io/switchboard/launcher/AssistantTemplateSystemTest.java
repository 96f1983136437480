package io.switchboard.launcher;

import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.vapi.Assistant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assistant templates over the whole system: ops create versions and pin organizations through the API, onboardings
 * create assistants from the organization's template (VAPI's simulator judging every create by the official document),
 * and the line and the assistants record which version they run.
 */
class AssistantTemplateSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void organizationsGetTheDefaultOrTheirPinnedTemplateAndTheLineAndAssistantsRecordTheVersion() {
        Instant started = Instant.now();
        String name = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode defaultTemplate = json(send("GET", "/api/v1/assistant-templates/default", null), 200);
        int defaultVersion = defaultTemplate.path("latestVersion").asInt();
        assertThat(defaultTemplate.path("isDefault").asBoolean()).isTrue();

        // A template with two versions: the second changes the text, the model and the voice; the first stays as it was.
        JsonNode v1 = json(send("POST", "/api/v1/assistant-templates", template(name, "Welcome to {orgName}, version one.",
                "openai", "gpt-4o-mini", "vapi", "Elliot")), 201);
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        JsonNode v2 = json(send("POST", "/api/v1/assistant-templates", template(name, "Welcome to {orgName}, version two.",
                "anthropic", "claude-sonnet-4-6", "11labs", "21m00Tcm4TlvDq8ikWAM")), 201);
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        JsonNode versions = json(send("GET", "/api/v1/assistant-templates/" + name, null), 200);
        assertThat(versions.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(versions.path("versions").get(0).path("firstMessage").asString())
                .isEqualTo("Welcome to {orgName}, version one.");
        assertThat(json(send("GET", "/api/v1/assistant-templates", null), 200).valueStream()
                .map(t -> t.path("name").asString())).contains("default", name);

        String defaulted = SystemClient.newOrgId("tmpl-default");
        String following = SystemClient.newOrgId("tmpl-latest");
        String pinned = SystemClient.newOrgId("tmpl-pinned");
        JsonNode followingView = json(send("PUT", "/api/v1/organizations/" + following + "/assistant-template",
                "{\"templateName\":\"" + name + "\",\"pinnedBy\":\"system test\"}"), 200);
        assertThat(followingView.path("effectiveVersion").asInt()).isEqualTo(2);
        assertThat(followingView.path("source").asString()).isEqualTo("PINNED_LATEST");
        JsonNode pinnedView = json(send("PUT", "/api/v1/organizations/" + pinned + "/assistant-template",
                "{\"templateName\":\"" + name + "\",\"templateVersion\":1}"), 200);
        assertThat(pinnedView.path("effectiveVersion").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/organizations/" + defaulted + "/assistant-template", null), 200)
                .path("source").asString()).isEqualTo("DEFAULT");

        client.approve(defaulted, "Default Dental", "510");
        client.approve(following, "Latest Dental", "510");
        client.approve(pinned, "Pinned Dental", "510");
        for (String orgId : List.of(defaulted, following, pinned)) {
            SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
            assertThat(saga.state()).as(orgId).isEqualTo("COMPLETED");
        }

        // The default organization: the default template's latest version, with its name filled in.
        AiStatusResponse defaultStatus = client.status(defaulted);
        assertThat(defaultStatus.assistants().inboundTemplate())
                .isEqualTo(new AiStatusResponse.Template("default", defaultVersion));
        assertThat(defaultStatus.assistants().outboundTemplate())
                .isEqualTo(new AiStatusResponse.Template("default", defaultVersion));
        Assistant defaultInbound = assistant(defaultStatus.assistants().inbound());
        assertThat(defaultInbound.metadata().path("templateName").asString()).isEqualTo("default");
        assertThat(defaultInbound.metadata().path("templateVersion").asInt()).isEqualTo(defaultVersion);
        assertThat(defaultInbound.fields().path("firstMessage").asString()).isEqualTo(defaultTemplate.path("versions")
                .get(defaultVersion - 1).path("firstMessage").asString().replace("{orgName}", "Default Dental"));

        // Pinned without a version: the latest one (2) — text, model and voice as VAPI received them.
        AiStatusResponse followingStatus = client.status(following);
        assertThat(followingStatus.assistants().inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        assertThat(followingStatus.assistants().outboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        for (String id : List.of(followingStatus.assistants().inbound(), followingStatus.assistants().outbound())) {
            Assistant assistant = assistant(id);
            assertThat(assistant.fields().path("firstMessage").asString()).isEqualTo("Welcome to Latest Dental, version two.");
            assertThat(assistant.fields().path("model").path("provider").asString()).isEqualTo("anthropic");
            assertThat(assistant.fields().path("model").path("model").asString()).isEqualTo("claude-sonnet-4-6");
            assertThat(assistant.fields().path("model").path("messages").get(0).path("content").asString())
                    .startsWith("You are the ").endsWith(" assistant of Latest Dental.");
            assertThat(assistant.fields().path("voice").path("provider").asString()).isEqualTo("11labs");
            assertThat(assistant.fields().path("voice").path("voiceId").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
            assertThat(assistant.metadata().path("templateName").asString()).isEqualTo(name);
            assertThat(assistant.metadata().path("templateVersion").asInt()).isEqualTo(2);
            assertThat(assistant.metadata().path("orgId").asString()).isEqualTo(following);
        }
        assertThat(assistant(followingStatus.assistants().inbound()).fields().path("model").path("messages").get(0)
                .path("content").asString()).isEqualTo("You are the inbound assistant of Latest Dental.");

        // Pinned to version 1: version 1, though version 2 exists.
        AiStatusResponse pinnedStatus = client.status(pinned);
        assertThat(pinnedStatus.assistants().inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 1));
        Assistant pinnedInbound = assistant(pinnedStatus.assistants().inbound());
        assertThat(pinnedInbound.fields().path("firstMessage").asString()).isEqualTo("Welcome to Pinned Dental, version one.");
        assertThat(pinnedInbound.fields().path("model").path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(pinnedInbound.metadata().path("templateVersion").asInt()).isEqualTo(1);

        List<Violation> createViolations = system.vapi().violations().stream()
                .filter(v -> !v.at().isBefore(started) && v.operation().equals("AssistantController_create")).toList();
        assertThat(createViolations).as("assistant creates VAPI's document does not allow").isEmpty();

        // Unpinned: back to the default for assistants created from now on.
        assertThat(send("DELETE", "/api/v1/organizations/" + following + "/assistant-template", null).statusCode())
                .isEqualTo(204);
        assertThat(json(send("GET", "/api/v1/organizations/" + following + "/assistant-template", null), 200)
                .path("source").asString()).isEqualTo("DEFAULT");
    }

    @Test
    void aTemplateVapiWouldRefuseIsABadRequestProblemAndNothingIsStored() {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = send("POST", "/api/v1/assistant-templates",
                template(name, "Hello\u0007 {orgName}", "openai", "no-such-model", "custom-voice", "v1"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(refused, 400);
        assertThat(problem.path("type").asString()).isEqualTo("https://switchboard.io/problems/invalid-request");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("firstMessage", "model.model", "voice.provider");
        assertThat(json(send("GET", "/api/v1/assistant-templates/" + name, null), 404).path("type").asString())
                .isEqualTo("https://switchboard.io/problems/assistant-template-not-found");

        JsonNode unknownVersion = json(send("PUT", "/api/v1/organizations/" + SystemClient.newOrgId("tmpl-bad")
                + "/assistant-template", "{\"templateName\":\"default\",\"templateVersion\":9999}"), 400);
        assertThat(unknownVersion.path("errors").get(0).path("field").asString()).isEqualTo("templateVersion");
    }

    private Assistant assistant(String id) {
        return system.vapi().assistants().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static String template(String name, String firstMessage, String modelProvider, String model,
                                   String voiceProvider, String voiceId) {
        return JSON.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of(
                "name", name,
                "systemPrompt", "You are the {role} assistant of {orgName}.",
                "firstMessage", firstMessage,
                "model", java.util.Map.of("provider", modelProvider, "model", model),
                "voice", java.util.Map.of("provider", voiceProvider, "voiceId", voiceId),
                "createdBy", "system test")));
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.orchestratorUrl() + path))
                .header("Authorization", SystemClient.OPS_AUTHORIZATION)
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
