package io.switchboard.orchestrator.onboarding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger log = LoggerFactory.getLogger(OnboardingSteps.class);
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
     * Version 5: with every free number of the account in use ({@code switchboard.pool.vapi-free-number-limit},
     * counted on the lines), the line takes a Twilio number instead of asking VAPI for one it would refuse. Two
     * onboardings racing for the last one are settled by VAPI's own refusal, which falls back the same way.
     */
    public OnboardingData checkFreeNumberLimit(OnboardingData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        long inUse = configs.countFreeVapiNumbers();
        int limit = pool.vapiFreeNumberLimit();
        if (inUse >= limit) {
            log.info("Org {}: {} of {} free VAPI numbers in use, taking a Twilio number instead", data.orgId(), inUse,
                    limit);
            return data.withFreeNumberFallback("all " + limit + " free VAPI numbers of the account are in use");
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
        config.recordInboundTemplate(data.inboundTemplate());
        config.recordOutboundTemplate(data.outboundTemplate());
        // The number it gets later comes the default way unless that request says otherwise.
        configs.save(config);
        return data.withSetupDate(now.toString());
    }

    /** The free number of an activation-pending line showed its digits: the line is active with them. */
    public FreeNumberActivationData fillInFreeNumber(FreeNumberActivationData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        AiConfig config = configs.findById(data.orgId()).orElseThrow(() -> new StepFailure("LINE_GONE",
                "the line of " + data.orgId() + " is gone", false));
        if (!AiConfig.ACTIVATION_PENDING.equals(config.status())
                || !data.vapiPhoneNumberId().equals(config.vapiPhoneNumberId())) {
            // Cannot happen while this saga runs (one saga per organization); refuse rather than overwrite.
            throw new StepFailure("LINE_CHANGED", "the line of " + data.orgId() + " is " + config.status()
                    + " on another number", false);
        }
        config.numberActivated(data.phoneNumber(), clock.instant());
        configs.save(config);
        log.info("Org {}: free VAPI number {} is active as {}", data.orgId(), data.vapiPhoneNumberId(),
                data.phoneNumber());
        return data;
    }

    public OnboardingData saveActive(OnboardingData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        Instant now = clock.instant();
        AiConfig config = configs.findById(data.orgId())
                .orElseGet(() -> new AiConfig(data.orgId(), data.orgName(), data.ownerEmail(), now));
        ActiveLine line = new ActiveLine(data.phoneNumber(), data.numberSid(), data.numberSource(),
                data.vapiPhoneNumberId(), data.inboundAssistantId(), data.outboundAssistantId(), data.country(),
                data.areaCode(), data.twilioCredentialId());
        if (data.activationPending()) {
            // Version 5 only: the free number is bound to the inbound assistant but has no digits yet.
            config.activatePending(line, now);
        } else {
            config.activate(line, now);
        }
        // Both assistants were created (or adopted) by this onboarding: their replies said what they run.
        config.recordInboundTemplate(data.inboundTemplate());
        config.recordOutboundTemplate(data.outboundTemplate());
        configs.save(config);
        return data.withSetupDate(now.toString());
    }
}
