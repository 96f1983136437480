package io.switchboard.orchestrator.templates;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model and voice providers a template may name, and their models and voices, as VAPI's document
 * ({@code CreateAssistantDTO.model} / {@code .voice}) declares them: only providers that need nothing beyond
 * provider + model or provider + voiceId (a custom LLM needs a URL, a custom voice a server, …). Read from
 * {@value #RESOURCE}, extracted from the document and checked against it by the launcher's
 * {@code VapiProviderCatalogTest}, so a template the orchestrator accepts is a body the VAPI document accepts.
 */
public final class VapiProviderCatalog {
    public static final String RESOURCE = "/assistant-templates/vapi-providers.json";

    /** @param models the document's enum of {@code model}, empty: any text */
    public record ModelProvider(Set<String> models) {
    }

    /**
     * @param presets   the document's preset voice names
     * @param freeForm  whether any voice id is allowed too. Where the document offers both (a {@code oneOf} of the
     *                  presets and any string), a preset name matches both branches and {@code oneOf} refuses it: only
     *                  an id that is not a preset name is valid there
     * @param maxLength the document's maxLength of {@code voiceId}, {@code null}: none
     */
    public record VoiceProvider(Set<String> presets, boolean freeForm, Integer maxLength) {
        /** Why VAPI's document refuses this voice id, or empty when it accepts it. */
        public Optional<String> refusal(String voiceId) {
            if (maxLength != null && voiceId.length() > maxLength) {
                return Optional.of("must be at most " + maxLength + " characters for this provider");
            }
            if (!freeForm && !presets.contains(voiceId)) {
                return Optional.of("must be one of this provider's voices: " + String.join(", ", presets));
            }
            if (freeForm && presets.contains(voiceId)) {
                return Optional.of("is one of this provider's preset names, which VAPI's document declares both as a "
                        + "preset and as a free voice id (oneOf): use the provider's own voice id instead");
            }
            return Optional.empty();
        }
    }

    private final Map<String, ModelProvider> models;
    private final Map<String, VoiceProvider> voices;

    public VapiProviderCatalog(Map<String, ModelProvider> models, Map<String, VoiceProvider> voices) {
        this.models = Map.copyOf(models);
        this.voices = Map.copyOf(voices);
    }

    public static VapiProviderCatalog load() {
        try (InputStream in = VapiProviderCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Map<String, ModelProvider> models = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("models").properties()) {
                models.put(e.getKey(), new ModelProvider(strings(e.getValue().path("models"))));
            }
            Map<String, VoiceProvider> voices = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("voices").properties()) {
                JsonNode v = e.getValue();
                voices.put(e.getKey(), new VoiceProvider(strings(v.path("presets")), v.path("freeForm").asBoolean(),
                        v.path("maxLength").isNumber() ? v.path("maxLength").asInt() : null));
            }
            return new VapiProviderCatalog(models, voices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ModelProvider> modelProvider(String provider) {
        return Optional.ofNullable(provider == null ? null : models.get(provider));
    }

    public Optional<VoiceProvider> voiceProvider(String provider) {
        return Optional.ofNullable(provider == null ? null : voices.get(provider));
    }

    public List<String> modelProviders() {
        return models.keySet().stream().sorted().toList();
    }

    public List<String> voiceProviders() {
        return voices.keySet().stream().sorted().toList();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array.isArray()) {
            array.forEach(n -> values.add(n.asString()));
        }
        return values;
    }
}
