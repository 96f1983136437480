package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;

import java.util.Objects;
import java.util.Optional;

/**
 * Plans re-applying an organization's effective template to the assistants it already has: the data an
 * {@link AssistantTemplateUpdateSaga} starts with. For the batch that updates every line to a new template version:
 * queue an ops request per organization and, when its turn comes, start {@value AssistantTemplateUpdateSaga#TYPE}
 * with {@link #plan}'s data (nothing when it is empty or {@link Plan#upToDate()}).
 */
public class AssistantTemplateUpdates {
    private final AiConfigRepository configs;
    private final AssistantTemplates templates;

    public AssistantTemplateUpdates(AiConfigRepository configs, AssistantTemplates templates) {
        this.configs = configs;
        this.templates = templates;
    }

    /**
     * @param target   the template version the assistants would run
     * @param upToDate both assistants already record that version (the saga would change nothing)
     * @param change   what the update does, for people: {@code update inbound v1→v2, outbound v1→v2 (template
     *                 default)}; an assistant that records no template shows {@code none}
     */
    public record Plan(TemplateUpdateData data, AssistantTemplateRef target, boolean upToDate, String change) {
    }

    /** Empty when the organization has no line with assistants, or no template applies (no default either). */
    public Optional<Plan> plan(String orgId) {
        return configs.findById(orgId).flatMap(config -> plan(config, templates.effective(orgId)));
    }

    /**
     * The same with a named template instead of the effective one ({@code version} {@code null}: its latest); empty
     * also when that template or version does not exist.
     */
    public Optional<Plan> plan(String orgId, String templateName, Integer version) {
        return configs.findById(orgId).flatMap(config -> plan(config, templates.find(templateName, version)
                .map(t -> new AssistantTemplates.Effective(t, version == null
                        ? AssistantTemplates.Source.PINNED_LATEST : AssistantTemplates.Source.PINNED_VERSION))));
    }

    /** The same for a line and the template it gets. */
    static Optional<Plan> plan(AiConfig config, Optional<AssistantTemplates.Effective> effective) {
        if (effective.isEmpty() || (config.inboundAssistantId() == null && config.outboundAssistantId() == null)) {
            return Optional.empty();
        }
        AssistantTemplate template = effective.get().template();
        AssistantTemplateRef target = new AssistantTemplateRef(template.name(), template.version());
        TemplateUpdateData data = new TemplateUpdateData(config.orgId(), config.inboundAssistantId(),
                config.outboundAssistantId(),
                config.inboundAssistantId() == null ? null : template.configFor(config.orgName(), AssistantRole.INBOUND),
                config.outboundAssistantId() == null ? null : template.configFor(config.orgName(), AssistantRole.OUTBOUND),
                null, null);
        boolean upToDate = (config.inboundAssistantId() == null || Objects.equals(config.inboundTemplate(), target))
                && (config.outboundAssistantId() == null || Objects.equals(config.outboundTemplate(), target));
        return Optional.of(new Plan(data, target, upToDate, change(config, target)));
    }

    private static String change(AiConfig config, AssistantTemplateRef target) {
        StringBuilder text = new StringBuilder("update");
        if (config.inboundAssistantId() != null) {
            text.append(" inbound ").append(fromTo(config.inboundTemplate(), target));
        }
        if (config.outboundAssistantId() != null) {
            text.append(config.inboundAssistantId() != null ? ", outbound " : " outbound ")
                    .append(fromTo(config.outboundTemplate(), target));
        }
        return text.append(" (template ").append(target.name()).append(')').toString();
    }

    private static String fromTo(AssistantTemplateRef from, AssistantTemplateRef to) {
        String before = from == null ? "none" : from.name().equals(to.name()) ? "v" + from.version()
                : from.name() + " v" + from.version();
        return before + "→v" + to.version();
    }
}
