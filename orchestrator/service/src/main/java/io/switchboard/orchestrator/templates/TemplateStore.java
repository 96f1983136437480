package io.switchboard.orchestrator.templates;

import java.util.List;
import java.util.Optional;

/** Where templates and pins live (PostgreSQL, V13); an interface so resolution is tested without a database. */
public interface TemplateStore {

    /** Adds the template's next version (1 for a new name) and returns it as stored. */
    AssistantTemplate addVersion(NewTemplate template);

    Optional<AssistantTemplate> latest(String name);

    Optional<AssistantTemplate> version(String name, int version);

    /** Every version of the template, oldest first; empty for an unknown name. */
    List<AssistantTemplate> versions(String name);

    /** The latest version of every template, by name. */
    List<AssistantTemplate> latestOfEach();

    Optional<TemplatePin> pin(String orgId);

    /**
     * What an organization's next assistant may get: its pin, the template version the pin names (its latest for a
     * pin without a version), and the latest version of {@code defaultName}. A store may read all three at once.
     */
    default Candidates candidates(String orgId, String defaultName) {
        Optional<TemplatePin> pin = pin(orgId);
        Optional<AssistantTemplate> pinned = pin.flatMap(p -> p.templateVersion() == null
                ? latest(p.templateName()) : version(p.templateName(), p.templateVersion()));
        return new Candidates(pin, pinned, latest(defaultName));
    }

    /** See {@link #candidates}. */
    record Candidates(Optional<TemplatePin> pin, Optional<AssistantTemplate> pinned,
                      Optional<AssistantTemplate> defaultLatest) {
    }

    void savePin(TemplatePin pin);

    /** @return whether the organization was pinned */
    boolean removePin(String orgId);

    /** What a new version says; its number, time and author are the store's and the caller's. */
    record NewTemplate(String name, String systemPrompt, String firstMessage, String outboundFirstMessage,
                       String modelProvider, String model, String voiceProvider, String voiceId, String createdBy) {
    }
}
