package io.switchboard.orchestrator.onboarding;

import io.switchboard.orchestrator.aiconfig.ActiveLine;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepFailure;

import java.time.Clock;
import java.time.Instant;

/** The onboarding saga's local steps: the number pool and the AI config, changed in the saga's own transaction. */
public class OnboardingSteps {
    private final AiConfigRepository configs;
    private final NumberPool pool;
    private final LocalStepFaults faults;
    private final Clock clock;

    public OnboardingSteps(AiConfigRepository configs, NumberPool pool, LocalStepFaults faults, Clock clock) {
        this.configs = configs;
        this.pool = pool;
        this.faults = faults;
        this.clock = clock;
    }

    public OnboardingData takePooledNumber(OnboardingData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        return pool.take(data.orgId(), data.country(), data.areaCode(), data.twilioCredentialId())
                .map(n -> data.withNumber(n.phoneNumber(), n.numberSid(), OnboardingData.POOLED))
                .orElse(data);
    }

    /**
     * A pooled number is handed back when onboarding is undone, never released (and leaves the pool when Twilio
     * said it was not the pool's, see {@link NumberPool#undoTake}).
     */
    public OnboardingData returnPooledNumber(OnboardingData data, StepContext step) {
        if (data.pooledNumber()) {
            pool.undoTake(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId(), step);
            return data.withoutNumber();
        }
        return data;
    }

    /**
     * Version 4: saves the line as asked — active with its number, or (assistants only) inactive without one — and
     * remembers where its number comes from, so a later "on" rebuilds it the same way.
     */
    public OnboardingData saveLine(OnboardingData data, StepContext step) throws StepFailure {
        if (!data.assistantsOnly()) {
            OnboardingData saved = saveActive(data, step);
            configs.findById(data.orgId()).ifPresent(config -> {
                config.rememberNumberChoice(data.requestedNumberSource(), data.ownNumber());
                configs.save(config);
            });
            return saved;
        }
        faults.check(step.step());
        Instant now = clock.instant();
        AiConfig config = configs.findById(data.orgId())
                .orElseGet(() -> new AiConfig(data.orgId(), data.orgName(), data.ownerEmail(), now));
        config.prepareWithoutNumber(data.inboundAssistantId(), data.outboundAssistantId(), data.country(),
                data.areaCode(), data.twilioCredentialId(), now);
        // The number it gets later comes the default way unless that request says otherwise.
        configs.save(config);
        return data.withSetupDate(now.toString());
    }

    public OnboardingData saveActive(OnboardingData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        Instant now = clock.instant();
        AiConfig config = configs.findById(data.orgId())
                .orElseGet(() -> new AiConfig(data.orgId(), data.orgName(), data.ownerEmail(), now));
        config.activate(new ActiveLine(data.phoneNumber(), data.numberSid(), data.numberSource(),
                data.vapiPhoneNumberId(), data.inboundAssistantId(), data.outboundAssistantId(), data.country(),
                data.areaCode(), data.twilioCredentialId()), now);
        configs.save(config);
        return data.withSetupDate(now.toString());
    }
}
