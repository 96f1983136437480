package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.aiconfig.ActiveLine;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PoolProperties;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepFailure;

import java.time.Clock;

/**
 * The local steps of the line-lifecycle sagas: the number pool and the AI config, changed in the saga's own
 * transaction.
 */
public class LineSteps {
    private final AiConfigRepository configs;
    private final NumberPool pool;
    private final PoolProperties poolProperties;
    private final LocalStepFaults faults;
    private final Clock clock;

    public LineSteps(AiConfigRepository configs, NumberPool pool, PoolProperties poolProperties, LocalStepFaults faults,
                     Clock clock) {
        this.configs = configs;
        this.pool = pool;
        this.poolProperties = poolProperties;
        this.faults = faults;
        this.clock = clock;
    }

    public LineData takePooledNumber(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        if (data.hasNumber()) {
            return data;
        }
        return pool.take(data.orgId(), data.country(), data.areaCode(), data.twilioCredentialId())
                .map(n -> data.withNumber(n.phoneNumber(), n.numberSid(), LineData.POOLED, true))
                .orElse(data);
    }

    /**
     * Compensation of {@link #takePooledNumber}: a pooled number goes back to the pool, it is never released (it
     * leaves the pool when Twilio said it was not the pool's, see {@link NumberPool#undoTake}).
     */
    public LineData returnTakenNumber(LineData data, StepContext step) {
        if (data.pooledHere()) {
            pool.undoTake(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId(), step);
            return data.withoutNumber();
        }
        return data;
    }

    /** With the POOL policy, a number the platform owns is kept for the next organization instead of released. */
    public boolean keepsNumbersInPool() {
        return poolProperties.releasePolicy() == PoolProperties.ReleasePolicy.POOL;
    }

    /**
     * Whether this line's number goes back to the pool when the line goes: the POOL policy, a number the platform
     * owns, and in the platform's own account. A number in the organization's own Twilio account is released
     * instead, under either policy: the pool's sagas act as the pool, with no organization's credential, so they
     * could never release it, and only that organization could take it again.
     */
    public boolean returnsToPool(LineData data) {
        return keepsNumbersInPool() && data.platformOwnsNumber() && data.inPlatformAccount();
    }

    public LineData returnNumberToPool(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        if (data.hasNumber() && data.platformOwnsNumber()) {
            pool.giveBack(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId());
            // In the same transaction: from now on the pool may hand the number to another organization, so this
            // line must no longer name it, even if the rest of its teardown never happens.
            configs.findById(data.orgId()).ifPresent(config -> {
                if (config.forgetWhatIsGone(null, config.vapiPhoneNumberId(), config.inboundAssistantId(),
                        config.outboundAssistantId(), clock.instant())) {
                    configs.save(config);
                }
            });
        }
        return data.withoutNumber();
    }

    public LineData activateConfig(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        AiConfig config = configs.findById(data.orgId())
                .orElseThrow(() -> new StepFailure("NO_CONFIG", "organization has no AI config", false));
        ActiveLine line = new ActiveLine(data.phoneNumber(), data.numberSid(), data.numberSource(),
                data.vapiPhoneNumberId(), data.inboundAssistantId(), data.outboundAssistantId(), data.country(),
                data.areaCode(), data.twilioCredentialId());
        if (data.freeNumberPending()) {
            // inbound-ai-on v4: the free number is bound to the inbound assistant; a later poll fills its digits in.
            config.activatePending(line, clock.instant());
        } else {
            config.activate(line, clock.instant());
        }
        config.rememberNumberChoice(data.requestedNumberSource(), data.ownNumber());
        if (data.inboundAssistantCreated()) {
            config.recordInboundTemplate(data.inboundTemplate());
        }
        configs.save(config);
        return data;
    }

    public LineData markDeactivating(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        configs.findById(data.orgId()).ifPresent(config -> {
            config.markDeactivating(clock.instant());
            configs.save(config);
        });
        return data;
    }

    public LineData deactivateConfig(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        configs.findById(data.orgId()).ifPresent(config -> {
            config.deactivate(clock.instant());
            configs.save(config);
        });
        return data;
    }

    public LineData deleteConfig(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        configs.deleteById(data.orgId());
        return data;
    }

    /** The line's number is bound to the assistant now ({@code number-assistant-link}). */
    public NumberAssistantLinkData saveNumberAssistant(NumberAssistantLinkData data, StepContext step)
            throws StepFailure {
        faults.check(step.step());
        AiConfig config = configs.findById(data.orgId())
                .filter(c -> NumberLinks.numberIdOf(c).filter(data.numberId()::equals).isPresent())
                .orElseThrow(() -> new StepFailure("NO_CONFIG", "the organization's line no longer has number "
                        + data.numberId(), false));
        config.numberLinkedTo(data.assistantId(), data.vapiPhoneNumberId(), clock.instant());
        configs.save(config);
        return data;
    }
}
