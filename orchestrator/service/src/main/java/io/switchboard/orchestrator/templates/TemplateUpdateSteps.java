package io.switchboard.orchestrator.templates;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepFailure;

import java.util.Objects;

/** The local steps of {@link AssistantTemplateUpdateSaga}: the line records what its assistants now run. */
public class TemplateUpdateSteps {
    private final AiConfigRepository configs;

    public TemplateUpdateSteps(AiConfigRepository configs) {
        this.configs = configs;
    }

    public TemplateUpdateData recordInbound(TemplateUpdateData data, StepContext step) throws StepFailure {
        AiConfig config = line(data);
        requireSame(data, data.inboundAssistantId(), config.inboundAssistantId());
        config.recordInboundTemplate(data.inboundTemplate());
        configs.save(config);
        return data;
    }

    public TemplateUpdateData recordOutbound(TemplateUpdateData data, StepContext step) throws StepFailure {
        AiConfig config = line(data);
        requireSame(data, data.outboundAssistantId(), config.outboundAssistantId());
        config.recordOutboundTemplate(data.outboundTemplate());
        configs.save(config);
        return data;
    }

    private AiConfig line(TemplateUpdateData data) throws StepFailure {
        return configs.findById(data.orgId()).orElseThrow(() -> new StepFailure("LINE_GONE",
                "the line of " + data.orgId() + " is gone", false));
    }

    /** Cannot happen while this saga runs (one saga per organization); refuse rather than record on another assistant. */
    private static void requireSame(TemplateUpdateData data, String updated, String current) throws StepFailure {
        if (!Objects.equals(updated, current)) {
            throw new StepFailure("LINE_CHANGED", "the line of " + data.orgId() + " no longer uses assistant " + updated,
                    false);
        }
    }
}
