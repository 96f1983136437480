package io.switchboard.orchestrator.onboarding;

import io.switchboard.orchestrator.aiconfig.ActiveLine;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.saga.definition.StepContext;
import io.switchboard.orchestrator.saga.definition.StepFailure;

import java.time.Clock;
import java.time.Instant;

/** The onboarding saga's local step: records the finished line as the organization's active AI config. */
public class AiConfigWriter {
    private final AiConfigRepository configs;
    private final LocalStepFaults faults;
    private final Clock clock;

    public AiConfigWriter(AiConfigRepository configs, LocalStepFaults faults, Clock clock) {
        this.configs = configs;
        this.faults = faults;
        this.clock = clock;
    }

    public OnboardingData saveActive(OnboardingData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        Instant now = clock.instant();
        AiConfig config = configs.findById(data.orgId())
                .orElseGet(() -> new AiConfig(data.orgId(), data.orgName(), data.ownerEmail(), now));
        config.activate(new ActiveLine(data.phoneNumber(), data.numberSid(),
                data.numberSource() == null ? null : data.numberSource().name(), data.vapiPhoneNumberId(),
                data.inboundAssistantId(), data.outboundAssistantId(), data.country(), data.areaCode(),
                data.twilioCredentialId()), now);
        configs.save(config);
        return data.withSetupDate(now.toString());
    }
}
