package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.lines.CleanupSaga;
import io.switchboard.orchestrator.lines.InboundAiOffSaga;
import io.switchboard.orchestrator.lines.InboundAiOnSaga;
import io.switchboard.orchestrator.lines.LineData;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaInstanceRepository;

import java.util.Optional;

/**
 * Decides which saga, if any, a queued event or ops request starts, given what the organization has when its turn
 * comes (not when it arrived: an earlier saga may have changed everything).
 */
public class SagaLauncher {
    private final AiConfigRepository configs;
    private final SagaInstanceRepository sagas;
    private final JsonCodec codec;

    public SagaLauncher(AiConfigRepository configs, SagaInstanceRepository sagas, JsonCodec codec) {
        this.configs = configs;
        this.sagas = sagas;
        this.codec = codec;
    }

    public sealed interface Decision permits Start, Ignore {
    }

    public record Start(String sagaType, Object data) implements Decision {
    }

    public record Ignore(String reason) implements Decision {
    }

    public Decision decide(Object event) {
        if (event instanceof OrganizationApproved approved) {
            return onApproved(approved);
        } else if (event instanceof InboundAiChanged toggle) {
            return toggle.inboundAi() ? onInboundAiOn(toggle) : onInboundAiOff(toggle);
        } else if (event instanceof OpsRequest.RetrySetup retry) {
            return onRetrySetup(retry);
        } else if (event instanceof OpsRequest.Cleanup cleanup) {
            return onCleanup(cleanup);
        }
        throw new IllegalArgumentException("No saga for " + event.getClass().getSimpleName());
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

    private Decision onInboundAiOn(InboundAiChanged toggle) {
        Optional<AiConfig> config = configs.findById(toggle.orgId());
        if (config.isEmpty()) {
            return new Ignore("inboundAi=true but the organization has no AI setup yet: onboarding comes first");
        }
        if (AiConfig.ACTIVE.equals(config.get().status())) {
            return new Ignore("inboundAi=true and the line is already active");
        }
        return new Start(InboundAiOnSaga.TYPE, LineData.of(config.get()));
    }

    private Decision onInboundAiOff(InboundAiChanged toggle) {
        Optional<AiConfig> config = configs.findById(toggle.orgId());
        if (config.isEmpty()) {
            return new Ignore("inboundAi=false and the organization has no AI setup");
        }
        AiConfig c = config.get();
        if (AiConfig.INACTIVE.equals(c.status()) && c.numberSid() == null && c.vapiPhoneNumberId() == null) {
            return new Ignore("inboundAi=false and the line is already inactive");
        }
        return new Start(InboundAiOffSaga.TYPE, LineData.of(c));
    }

    private Decision onRetrySetup(OpsRequest.RetrySetup retry) {
        if (configs.existsById(retry.orgId())) {
            return new Ignore("retry-ai-setup: the organization already has an AI setup; clean it up first");
        }
        return lastOnboarding(retry.orgId())
                .<Decision>map(previous -> new Start(OnboardingSaga.TYPE,
                        previous.retryWith(retry.country(), retry.areaCode())))
                .orElseGet(() -> new Ignore("retry-ai-setup: the organization was never onboarded"));
    }

    private Decision onCleanup(OpsRequest.Cleanup cleanup) {
        return configs.findById(cleanup.orgId())
                .<Decision>map(config -> new Start(CleanupSaga.TYPE, LineData.of(config)))
                .orElseGet(() -> new Ignore("cleanup: the organization has no AI setup"));
    }

    /** The data of the organization's most recent onboarding, the basis of a retry. */
    public Optional<OnboardingData> lastOnboarding(String orgId) {
        return sagas.findByOrgIdOrderByCreatedAtDesc(orgId).stream()
                .filter(s -> OnboardingSaga.TYPE.equals(s.sagaType()))
                .findFirst()
                .map(SagaInstance::dataJson)
                .map(json -> codec.decodeLenient(json, OnboardingData.class));
    }
}
