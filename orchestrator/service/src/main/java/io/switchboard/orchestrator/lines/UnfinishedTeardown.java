package io.switchboard.orchestrator.lines;

import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.runtime.SagaEndListener;
import io.switchboard.saga.runtime.SagaStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Set;

/**
 * A line teardown ({@code inbound-ai-off}, {@code cleanup}) that stops before its last step — a step failed for good,
 * or ops compensated it while it ran — has nothing to undo (a deleted registration or assistant cannot come back), but
 * what it did do is real: the config, still "deactivating", must not keep naming a registration, a number or an
 * assistant that is gone, or the reconciler sees dangling references, the next saga works from stale ids, and a
 * number handed to the pool would be named by a line and the pool at once. So, in the transaction that ends the saga
 * (and again if a late success reopens and ends it), the config forgets every reference the saga's data let go of;
 * what the data still holds stays, and the next "off", "on" or cleanup carries on from there.
 */
public final class UnfinishedTeardown implements SagaEndListener {
    private static final Logger log = LoggerFactory.getLogger(UnfinishedTeardown.class);
    private static final Set<String> TEARDOWNS = Set.of(InboundAiOffSaga.TYPE, CleanupSaga.TYPE);

    private final AiConfigRepository configs;
    private final JsonCodec codec;
    private final Clock clock;

    public UnfinishedTeardown(AiConfigRepository configs, JsonCodec codec, Clock clock) {
        this.configs = configs;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void sagaEnded(SagaInstance saga, SagaStarter starter) {
        if (!TEARDOWNS.contains(saga.sagaType()) || saga.state() == SagaState.COMPLETED) {
            return;
        }
        LineData data = codec.decodeLenient(saga.dataJson(), LineData.class);
        configs.findById(saga.orgId()).ifPresent(config -> {
            if (config.forgetWhatIsGone(data.numberSid(), data.vapiPhoneNumberId(), data.inboundAssistantId(),
                    data.outboundAssistantId(), clock.instant())) {
                configs.save(config);
                log.info("Teardown saga {} of {} ended {}: the config now names only what is left (number {}, "
                                + "registration {}, assistants {} / {})", saga.id(), saga.orgId(), saga.state(),
                        config.numberSid(), config.vapiPhoneNumberId(), config.inboundAssistantId(),
                        config.outboundAssistantId());
            }
        });
    }
}
