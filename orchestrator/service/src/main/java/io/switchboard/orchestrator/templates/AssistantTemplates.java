package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.orchestrator.participants.AssistantConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Assistant templates and which one each organization gets: its pin (a template, and optionally one version of it),
 * else the default template ({@code switchboard.assistant-templates.default-name}); a pin without a version, and the
 * default, follow the template's latest version. Resolved when a saga step builds its create-assistant command, so
 * a new version reaches the next assistant created, never an existing one (see {@code docs/architecture.md}).
 */
public class AssistantTemplates implements AssistantConfigs {
    private static final Logger log = LoggerFactory.getLogger(AssistantTemplates.class);

    private final TemplateStore store;
    private final TemplateRules rules;
    private final TemplateProperties properties;
    private final Clock clock;

    public AssistantTemplates(TemplateStore store, TemplateRules rules, TemplateProperties properties, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.properties = properties;
        this.clock = clock;
    }

    /** Why an organization gets the template it gets. */
    public enum Source { PINNED_VERSION, PINNED_LATEST, DEFAULT }

    /** The template version an organization's next assistant gets, and why; empty: the worker's defaults. */
    public record Effective(AssistantTemplate template, Source source) {
    }

    public Optional<Effective> effective(String orgId) {
        TemplateStore.Candidates candidates = store.candidates(orgId, properties.defaultName());
        if (candidates.pin().isPresent()) {
            TemplatePin p = candidates.pin().get();
            if (candidates.pinned().isPresent()) {
                return Optional.of(new Effective(candidates.pinned().get(),
                        p.templateVersion() == null ? Source.PINNED_LATEST : Source.PINNED_VERSION));
            }
            // Versions are never deleted and a pin is checked when made, so this is a hand-edited database.
            log.warn("Organization {} is pinned to assistant template {} version {}, which does not exist; "
                    + "using the default", orgId, p.templateName(), p.templateVersion());
        }
        return candidates.defaultLatest().map(t -> new Effective(t, Source.DEFAULT));
    }

    @Override
    public Optional<AssistantConfig> resolve(String orgId, String orgName, AssistantRole role) {
        return effective(orgId).map(e -> e.template().configFor(orgName, role));
    }

    /** Checks and stores a template's next version (the first for a new name). */
    public AssistantTemplate addVersion(TemplateStore.NewTemplate template) {
        rules.check(template);
        AssistantTemplate added = store.addVersion(template);
        log.info("Assistant template {} version {} added by {}", added.name(), added.version(), added.createdBy());
        return added;
    }

    /** One version of a template, or ({@code version} {@code null}) its latest. */
    public Optional<AssistantTemplate> find(String name, Integer version) {
        return version == null ? store.latest(name) : store.version(name, version);
    }

    public List<AssistantTemplate> latestOfEach() {
        return store.latestOfEach();
    }

    public List<AssistantTemplate> versions(String name) {
        return store.versions(name);
    }

    public boolean isDefault(String name) {
        return properties.defaultName().equals(name);
    }

    public String defaultName() {
        return properties.defaultName();
    }

    public Optional<TemplatePin> pin(String orgId) {
        return store.pin(orgId);
    }

    /**
     * Pins the organization to the template (a version, or {@code null}: its latest); affects assistants created from
     * now on.
     *
     * @return empty when the template or that version does not exist (nothing is pinned)
     */
    public Optional<TemplatePin> pin(String orgId, String name, Integer version, String pinnedBy) {
        boolean exists = version == null ? store.latest(name).isPresent() : store.version(name, version).isPresent();
        if (!exists) {
            return Optional.empty();
        }
        TemplatePin pin = new TemplatePin(orgId, name, version, clock.instant(), pinnedBy);
        store.savePin(pin);
        log.info("Organization {} pinned to assistant template {} {} by {}", orgId, name,
                version == null ? "(latest version)" : "version " + version, pinnedBy);
        return Optional.of(pin);
    }

    /** The organization gets the default template again. */
    public boolean unpin(String orgId) {
        boolean removed = store.removePin(orgId);
        if (removed) {
            log.info("Organization {} unpinned from its assistant template: it gets the default", orgId);
        }
        return removed;
    }
}
