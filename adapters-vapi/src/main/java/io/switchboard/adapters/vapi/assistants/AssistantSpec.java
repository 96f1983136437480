package io.switchboard.adapters.vapi.assistants;

import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a new assistant looks like: the command's resolved configuration (the organization's assistant template,
 * placeholders filled in by the orchestrator) or, for a command without one, the configured model and voice with a
 * first message and system prompt made from the organization's name and the assistant's role; and metadata naming
 * its owner (organization) and the saga request that created it, which the ownership checks read before anything
 * adopts or deletes it, and the template it runs ({@code templateName}, {@code templateVersion}).
 */
public final class AssistantSpec {
    /** VAPI limits assistant names to 40 characters. */
    public static final int MAX_NAME = 40;
    public static final String REQUEST_ID_KEY = "switchboardRequestId";
    public static final String ORG_ID_KEY = "orgId";
    public static final String SAGA_ID_KEY = "sagaId";
    public static final String TEMPLATE_NAME_KEY = "templateName";
    public static final String TEMPLATE_VERSION_KEY = "templateVersion";

    private final VapiProperties.AssistantDefaults defaults;

    public AssistantSpec(VapiProperties.AssistantDefaults defaults) {
        this.defaults = defaults;
    }

    public VapiDtos.CreateAssistant build(CreateAssistant command, String sagaId) {
        AssistantRole role = command.role() == null ? AssistantRole.INBOUND : command.role();
        String orgName = command.orgName() == null ? "" : command.orgName();
        AssistantConfig config = command.assistant();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(REQUEST_ID_KEY, command.requestId());
        metadata.put(ORG_ID_KEY, command.orgId());
        if (sagaId != null) {
            metadata.put(SAGA_ID_KEY, sagaId);
        }
        metadata.put("role", role.name());
        VapiDtos.Server server = defaults.serverUrl() == null || defaults.serverUrl().isBlank()
                ? null : new VapiDtos.Server(defaults.serverUrl());
        if (config != null) {
            metadata.put(TEMPLATE_NAME_KEY, config.templateName());
            metadata.put(TEMPLATE_VERSION_KEY, config.templateVersion());
            return new VapiDtos.CreateAssistant(
                    nameOf(command),
                    config.firstMessage(),
                    new VapiDtos.Model(config.modelProvider(), config.model(),
                            List.of(new VapiDtos.Message("system", config.systemPrompt()))),
                    new VapiDtos.Voice(config.voiceProvider(), config.voiceId()),
                    metadata,
                    server);
        }
        String firstMessage = fill(role == AssistantRole.OUTBOUND ? defaults.outboundFirstMessage() : defaults.inboundFirstMessage(),
                orgName, role);
        return new VapiDtos.CreateAssistant(
                nameOf(command),
                firstMessage,
                new VapiDtos.Model(defaults.modelProvider(), defaults.model(),
                        List.of(new VapiDtos.Message("system", fill(defaults.systemPrompt(), orgName, role)))),
                new VapiDtos.Voice(defaults.voiceProvider(), defaults.voiceId()),
                metadata,
                server);
    }

    /**
     * The change that makes an existing assistant run the configuration: its metadata as it is (owner and request
     * tags included: VAPI replaces metadata whole) with the template's name and version.
     */
    public static VapiDtos.UpdateAssistant update(VapiDtos.Assistant existing, AssistantConfig config) {
        Map<String, Object> metadata = new LinkedHashMap<>(existing.metadata() == null ? Map.of() : existing.metadata());
        metadata.put(TEMPLATE_NAME_KEY, config.templateName());
        metadata.put(TEMPLATE_VERSION_KEY, config.templateVersion());
        return new VapiDtos.UpdateAssistant(config.firstMessage(),
                new VapiDtos.Model(config.modelProvider(), config.model(),
                        List.of(new VapiDtos.Message("system", config.systemPrompt()))),
                new VapiDtos.Voice(config.voiceProvider(), config.voiceId()),
                metadata);
    }

    /** The template an assistant's metadata says it runs; empty for one created from the defaults. */
    public static Optional<Template> templateOf(VapiDtos.Assistant assistant) {
        Map<String, Object> metadata = assistant.metadata();
        if (metadata == null || !(metadata.get(TEMPLATE_NAME_KEY) instanceof String name)
                || !(metadata.get(TEMPLATE_VERSION_KEY) instanceof Number version)) {
            return Optional.empty();
        }
        return Optional.of(new Template(name, version.intValue()));
    }

    public record Template(String name, int version) {
    }

    public static String nameOf(CreateAssistant command) {
        String name = command.name();
        if (name == null || name.isBlank()) {
            AssistantRole role = command.role() == null ? AssistantRole.INBOUND : command.role();
            name = role.assistantName(command.orgName() == null ? "" : command.orgName());
        }
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static String fill(String template, String orgName, AssistantRole role) {
        return template.replace("{orgName}", orgName).replace("{role}", role.name().toLowerCase(Locale.ROOT));
    }
}
