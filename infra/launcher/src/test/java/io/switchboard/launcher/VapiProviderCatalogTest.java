package io.switchboard.launcher;

import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.orchestrator.templates.AssistantTemplate;
import io.switchboard.orchestrator.templates.VapiProviderCatalog;
import io.switchboard.sim.vapi.VapiDocument;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator's catalog of VAPI model and voice providers ({@code assistant-templates/vapi-providers.json})
 * is what VAPI's document says, and a template the orchestrator accepts becomes — through the VAPI worker's own body
 * builder — a create the simulator (the document, strictly) accepts, for every provider.
 */
class VapiProviderCatalogTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static VapiSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = VapiSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void theCatalogIsWhatVapisDocumentDeclares() throws IOException {
        JsonNode catalog;
        try (InputStream in = VapiProviderCatalog.class.getResourceAsStream(VapiProviderCatalog.RESOURCE)) {
            catalog = JSON.readTree(in);
        }
        JsonNode schemas;
        try (InputStream in = VapiDocument.class.getResourceAsStream(VapiDocument.RESOURCE)) {
            schemas = JSON.readTree(in).path("components").path("schemas");
        }
        JsonNode dto = schemas.path("CreateAssistantDTO").path("properties");

        Map<String, Object> models = new LinkedHashMap<>();
        for (JsonNode option : dto.path("model").path("oneOf")) {
            JsonNode schema = schemas.path(option.path("$ref").asString().replace("#/components/schemas/", ""));
            if (!onlyRequires(schema, "provider", "model")) {
                continue;
            }
            JsonNode model = schema.path("properties").path("model");
            models.put(schema.path("properties").path("provider").path("enum").get(0).asString(),
                    model.has("enum") ? strings(model.path("enum")) : null);
        }
        Map<String, Object> catalogModels = new LinkedHashMap<>();
        catalog.path("models").properties().forEach(e -> catalogModels.put(e.getKey(),
                e.getValue().path("models").isNull() ? null : strings(e.getValue().path("models"))));
        assertThat(catalogModels).isEqualTo(models);

        Map<String, Object> voices = new LinkedHashMap<>();
        for (JsonNode option : dto.path("voice").path("oneOf")) {
            JsonNode schema = schemas.path(option.path("$ref").asString().replace("#/components/schemas/", ""));
            if (!onlyRequires(schema, "provider", "voiceId")) {
                continue;
            }
            JsonNode voiceId = schema.path("properties").path("voiceId");
            List<String> presets = new ArrayList<>();
            boolean freeForm = false;
            Integer maxLength = null;
            List<JsonNode> branches = voiceId.has("oneOf") ? voiceId.path("oneOf").valueStream().toList() : List.of(voiceId);
            for (JsonNode branch : branches) {
                if (branch.has("enum")) {
                    presets.addAll(strings(branch.path("enum")));
                } else {
                    freeForm = true;
                }
                if (branch.has("maxLength")) {
                    maxLength = branch.path("maxLength").asInt();
                }
            }
            voices.put(schema.path("properties").path("provider").path("enum").get(0).asString(),
                    List.of(presets, freeForm, String.valueOf(maxLength)));
        }
        Map<String, Object> catalogVoices = new LinkedHashMap<>();
        catalog.path("voices").properties().forEach(e -> catalogVoices.put(e.getKey(), List.of(
                strings(e.getValue().path("presets")), e.getValue().path("freeForm").asBoolean(),
                e.getValue().path("maxLength").isNumber() ? String.valueOf(e.getValue().path("maxLength").asInt()) : "null")));
        assertThat(catalogVoices).isEqualTo(voices);
    }

    @Test
    void everyCatalogProviderBecomesACreateTheDocumentAccepts() throws Exception {
        VapiProviderCatalog catalog = VapiProviderCatalog.load();
        List<String> refused = new ArrayList<>();
        for (String provider : catalog.modelProviders()) {
            String model = catalog.modelProvider(provider).orElseThrow().models().stream().findFirst().orElse("some-model");
            create(template(provider, model, "vapi", "Elliot"), refused);
        }
        for (String provider : catalog.voiceProviders()) {
            VapiProviderCatalog.VoiceProvider voice = catalog.voiceProvider(provider).orElseThrow();
            String voiceId = voice.freeForm() ? "sb-test-voice-1" : voice.presets().iterator().next();
            assertThat(voice.refusal(voiceId)).as(provider).isEmpty();
            create(template("openai", "gpt-4o", provider, voiceId), refused);
        }
        assertThat(refused).as("creates the simulator refused").isEmpty();
        assertThat(simulator.violations()).as("requests VAPI's document does not allow").isEmpty();
    }

    @Test
    void aPresetNameWhereTheDocumentAlsoAllowsAnyIdIsRefusedByTheDocumentAsTheCatalogSays() throws Exception {
        VapiProviderCatalog.VoiceProvider elevenLabs = VapiProviderCatalog.load().voiceProvider("11labs").orElseThrow();
        String preset = elevenLabs.presets().iterator().next();
        assertThat(elevenLabs.refusal(preset)).isPresent();

        List<String> refused = new ArrayList<>();
        create(template("openai", "gpt-4o", "11labs", preset), refused);

        assertThat(refused).hasSize(1);
    }

    private static AssistantTemplate template(String modelProvider, String model, String voiceProvider, String voiceId) {
        return new AssistantTemplate("catalog", 1, "You are the {role} assistant of {orgName}.", "Hello from {orgName}",
                null, modelProvider, model, voiceProvider, voiceId, Instant.now(), "test");
    }

    /** The worker's body for an assistant made from the template, posted to the simulator as the worker would. */
    private static void create(AssistantTemplate template, List<String> refused) throws Exception {
        CreateAssistant command = new CreateAssistant("org-catalog", "req-" + System.nanoTime(), "Acme",
                AssistantRole.INBOUND, "Acme inbound", template.configFor("Acme", AssistantRole.INBOUND));
        AssistantSpec spec = new AssistantSpec(new VapiProperties.AssistantDefaults("openai", "gpt-4o", "vapi", "Elliot",
                "Hi", "Hi", "Prompt", null));
        String body = JSON.writeValueAsString(spec.build(command, "saga-1"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/assistant"))
                .header("Authorization", "Bearer " + VapiSimulatorConfig.DEFAULT_API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            refused.add(template.modelProvider() + "/" + template.model() + " " + template.voiceProvider() + "/"
                    + template.voiceId() + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static boolean onlyRequires(JsonNode schema, String... fields) {
        List<String> allowed = List.of(fields);
        return schema.path("required").valueStream().map(JsonNode::asString).allMatch(allowed::contains);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
