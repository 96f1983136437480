package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.events.OrganizationEvent;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;

import java.util.Optional;

/** Decides which saga, if any, an organization event starts, given what the organization already has. */
public class SagaLauncher {
    private final AiConfigRepository configs;

    public SagaLauncher(AiConfigRepository configs) {
        this.configs = configs;
    }

    public sealed interface Decision permits Start, Ignore {
    }

    public record Start(String sagaType, Object data) implements Decision {
    }

    public record Ignore(String reason) implements Decision {
    }

    public Decision decide(OrganizationEvent event) {
        if (event instanceof OrganizationApproved approved) {
            return onApproved(approved);
        }
        InboundAiChanged toggle = (InboundAiChanged) event;
        return new Ignore("inboundAi=" + toggle.inboundAi() + ": the inbound-AI sagas are not part of this version yet");
    }

    private Decision onApproved(OrganizationApproved approved) {
        if (!approved.verified()) {
            return new Ignore("organization status is '" + approved.status() + "'; onboarding starts once it is verified");
        }
        Optional<AiConfig> existing = configs.findById(approved.orgId());
        if (existing.isPresent()) {
            AiConfig config = existing.get();
            return new Ignore("already onboarded: number " + config.phoneNumber() + ", assistants "
                    + config.inboundAssistantId() + " / " + config.outboundAssistantId() + ", status " + config.status());
        }
        return new Start(OnboardingSaga.TYPE, OnboardingData.from(approved));
    }
}
