package io.switchboard.orchestrator.templates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's contract without a database, for resolution tests. */
final class InMemoryTemplateStore implements TemplateStore {
    private final List<AssistantTemplate> templates = new ArrayList<>();
    private final Map<String, TemplatePin> pins = new HashMap<>();

    @Override
    public AssistantTemplate addVersion(NewTemplate t) {
        int next = versions(t.name()).size() + 1;
        AssistantTemplate added = new AssistantTemplate(t.name(), next, t.systemPrompt(), t.firstMessage(),
                t.outboundFirstMessage(), t.modelProvider(), t.model(), t.voiceProvider(), t.voiceId(),
                Instant.parse("2026-01-01T00:00:00Z"), t.createdBy());
        templates.add(added);
        return added;
    }

    @Override
    public Optional<AssistantTemplate> latest(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).max(Comparator.comparingInt(AssistantTemplate::version));
    }

    @Override
    public Optional<AssistantTemplate> version(String name, int version) {
        return templates.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
    }

    @Override
    public List<AssistantTemplate> versions(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).toList();
    }

    @Override
    public List<AssistantTemplate> latestOfEach() {
        return templates.stream().map(AssistantTemplate::name).distinct().sorted().map(n -> latest(n).orElseThrow()).toList();
    }

    @Override
    public Optional<TemplatePin> pin(String orgId) {
        return Optional.ofNullable(pins.get(orgId));
    }

    @Override
    public void savePin(TemplatePin pin) {
        pins.put(pin.orgId(), pin);
    }

    @Override
    public boolean removePin(String orgId) {
        return pins.remove(orgId) != null;
    }
}
