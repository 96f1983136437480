package io.switchboard.saga.runtime;

import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.saga.outbox.OutboxWriter;
import io.switchboard.saga.outbox.OutgoingMessage;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepAddress;
import io.switchboard.saga.engine.Effect;
import io.switchboard.saga.engine.SagaExecutor;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.DueTimer;
import io.switchboard.saga.persistence.SagaStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the saga executor against persisted instances. Every method must be called inside a transaction: the new
 * saga state, its outgoing commands and events (outbox) and its timers commit together or not at all.
 */
public class SagaRuntime implements SagaStarter {
    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);

    private final SagaDefinitions definitions;
    private final SagaExecutor executor;
    private final SagaStore sagas;
    private final SagaCache cache;
    private final OutboxWriter outbox;
    private final CloudEventHeaders headers;
    private final JsonCodec codec;
    private final Clock clock;
    private final List<SagaObserver> observers;
    private final List<SagaEndListener> endListeners;

    /**
     * @param observers    told about every saga event (metrics)
     * @param endListeners told when a saga stops running (e.g. to start the organization's next queued event)
     */
    public SagaRuntime(SagaDefinitions definitions, SagaExecutor executor, SagaStore sagas,
                       SagaCache cache, OutboxWriter outbox, CloudEventHeaders headers, JsonCodec codec, Clock clock,
                       List<SagaObserver> observers, List<SagaEndListener> endListeners) {
        this.definitions = definitions;
        this.executor = executor;
        this.sagas = sagas;
        this.cache = cache;
        this.outbox = outbox;
        this.headers = headers;
        this.codec = codec;
        this.clock = clock;
        this.observers = List.copyOf(observers);
        this.endListeners = List.copyOf(endListeners);
    }

    @Override
    public <D> SagaInstance start(String type, String orgId, D data) {
        SagaDefinition<D> definition = definitions.newest(type);
        SagaInstance saga = new SagaInstance(UUID.randomUUID(), definition.type(), definition.version(), orgId,
                codec.encodeToString(data), clock.instant());
        // Inserted once, by apply, with its first steps in it.
        try (LogContext ignored = LogContext.of(saga.id().toString(), orgId, null)) {
            log.info("Starting saga {} v{}", definition.type(), definition.version());
            apply(saga, executor.start(definition, saga));
        }
        cache.keepAfterCommit(saga);
        return saga;
    }

    public void onReply(UUID sagaId, String stepHeader, int attempt, Reply reply) {
        Held held = hold(sagaId, true);
        SagaInstance saga = held.saga();
        StepAddress address = StepAddress.parse(stepHeader);
        try (LogContext ignored = LogContext.of(sagaId.toString(), saga.orgId(), stepHeader)) {
            boolean written = apply(saga, executor.onReply(definitions.of(saga), saga, address.step(),
                    address.direction(), attempt, reply));
            if (!written && held.kept()) {
                // Ignoring a reply (a redelivery, an attempt no longer current) is a decision too: on a kept copy
                // that another orchestrator moved on, it could drop a reply the saga is waiting for.
                sagas.confirmCurrent(saga);
            }
        }
    }

    /**
     * Fires a due timer, unless another instance fired it or the step moved on meanwhile (checked under the saga's
     * row lock, so it fires once).
     *
     * @return whether it fired
     */
    public boolean onTimer(DueTimer timer) {
        // Read afresh: a kept copy that thinks the timer moved on would skip it at every poll.
        SagaInstance saga = lockFresh(timer.sagaId());
        Optional<SagaStep> step = saga.step(timer.step(), timer.direction())
                .filter(s -> s.timerKind() == timer.kind() && s.fireAt() != null && !s.fireAt().isAfter(clock.instant()));
        if (step.isEmpty()) {
            return false;
        }
        step.get().disarm();
        try (LogContext ignored = LogContext.of(timer.sagaId().toString(), saga.orgId(), timer.step())) {
            apply(saga, executor.onTimer(definitions.of(saga), saga, timer.kind(), timer.step(), timer.direction(),
                    timer.attempt()));
        }
        return true;
    }

    public SagaInstance replay(UUID sagaId) {
        SagaInstance saga = lockFresh(sagaId);
        try (LogContext ignored = LogContext.of(sagaId.toString(), saga.orgId(), saga.failedStep())) {
            log.info("Replaying saga from its failed step");
            apply(saga, executor.replay(definitions.of(saga), saga));
        }
        return saga;
    }

    public SagaInstance compensate(UUID sagaId, String reason) {
        SagaInstance saga = lockFresh(sagaId);
        try (LogContext ignored = LogContext.of(sagaId.toString(), saga.orgId(), null)) {
            log.info("Compensating saga on request: {}", reason);
            apply(saga, executor.compensate(definitions.of(saga), saga, reason));
        }
        return saga;
    }

    /**
     * Whether every critical step of the saga has succeeded (or was skipped), so that only non-critical ones — say, a
     * confirmation email — may still be running: the saga has done what it is for, and stopping it now would undo a
     * result that counts (and a local step such as saving a config has nothing to undo it with).
     */
    public boolean onlyNonCriticalStepsLeft(SagaInstance saga) {
        for (var step : definitions.of(saga).steps()) {
            if (!step.critical()) {
                continue;
            }
            var status = saga.step(step.name(), io.switchboard.saga.definition.Direction.ACTION)
                    .map(io.switchboard.saga.persistence.SagaStep::status).orElse(null);
            if (status != io.switchboard.saga.persistence.StepStatus.SUCCEEDED
                    && status != io.switchboard.saga.persistence.StepStatus.SKIPPED) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether any step of the saga can be undone. A saga without a single compensation (a teardown: it deletes and
     * releases) cannot be "stopped and undone", only stopped halfway, which leaves a half-done hand-over behind.
     */
    public boolean canCompensate(SagaInstance saga) {
        return definitions.of(saga).steps().stream().anyMatch(step -> step.hasCompensation() || step.hasLocalCompensation());
    }

    /**
     * Read afresh, not from the cache (ops actions change what they checked under the saga's row lock just before).
     * Optimistic: the version column makes a concurrent change of the same saga fail when it is saved (and be retried).
     */
    private SagaInstance lockFresh(UUID sagaId) {
        return hold(sagaId, false).saga();
    }

    /**
     * The saga this transaction works on, out of the cache until the transaction commits (then kept again): the kept
     * copy when {@code useKept} and there is one, else read from its row.
     */
    private Held hold(UUID sagaId, boolean useKept) {
        SagaInstance kept = cache.take(sagaId);
        SagaInstance saga = useKept && kept != null ? kept : read(sagaId);
        cache.keepAfterCommit(saga);
        return new Held(saga, saga == kept);
    }

    /** @param kept whether the copy was kept from an earlier transaction rather than read now */
    private record Held(SagaInstance saga, boolean kept) {
    }

    private SagaInstance read(UUID sagaId) {
        return sagas.find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
    }

    /** @return whether the saga's row was written */
    private boolean apply(SagaInstance saga, List<Effect> effects) {
        // Timers live in the steps, in the saga's row: arm and disarm them before the row is written anyway.
        boolean ended = effects.stream().anyMatch(Effect.SagaEnded.class::isInstance);
        for (Effect effect : effects) {
            if (effect instanceof Effect.ScheduleTimer timer) {
                saga.step(timer.step(), timer.direction()).ifPresent(step -> step.arm(timer.kind(), timer.fireAt()));
            } else if (effect instanceof Effect.CancelTimers cancel) {
                saga.step(cancel.step(), cancel.direction()).ifPresent(SagaStep::disarm);
            }
        }
        if (ended) {
            saga.steps().forEach(SagaStep::disarm);
        }
        saga.timersChanged();
        List<OutgoingMessage> messages = new ArrayList<>(effects.size());
        for (Effect effect : effects) {
            if (effect instanceof Effect.SendCommand send) {
                messages.add(command(saga, send));
            } else if (effect instanceof Effect.PublishSagaEvent event) {
                messages.add(event(saga, event));
            }
        }
        // Written now, not at commit: the organization's next saga, which an end listener may insert below, needs this
        // one to be no longer active. The row and its messages' outbox rows are one statement.
        boolean written = sagas.save(saga, messages);
        outbox.inserted(messages);
        for (Effect effect : effects) {
            if (effect instanceof Effect.PublishSagaEvent event) {
                observe(saga, event);
            }
        }
        if (ended) {
            log.info("Saga {} ended {}{}", saga.sagaType(), saga.state(),
                    saga.failedStep() == null ? "" : " (failed step " + saga.failedStep() + ": " + saga.failureReason() + ")");
            endListeners.forEach(listener -> listener.sagaEnded(saga, this));
        }
        return written;
    }

    private OutgoingMessage command(SagaInstance saga, Effect.SendCommand send) {
        String stepHeader = new StepAddress(send.step(), send.direction()).header();
        Map<String, String> commandHeaders = headers.newMessage(
                MessageTypes.typeOf(send.request().command().getClass()), saga.orgId(),
                SagaRouting.command(saga.id().toString(), stepHeader, send.attempt(), Topics.SAGA_REPLIES,
                        send.deadline()));
        log.debug("Sending {} attempt {} for step {}", send.request().command().getClass().getSimpleName(),
                send.attempt(), stepHeader);
        return outbox.message(send.request().topic(), saga.orgId(), commandHeaders,
                codec.encode(send.request().command()));
    }

    private OutgoingMessage event(SagaInstance saga, Effect.PublishSagaEvent event) {
        SagaEvent body = new SagaEvent(event.kind(), saga.id().toString(), saga.sagaType(), saga.orgId(), event.step(),
                saga.state().name(), event.detail(), clock.instant().toString());
        Map<String, String> eventHeaders = headers.newMessage(event.kind().ceType(), saga.orgId(),
                SagaRouting.command(saga.id().toString(), event.step() == null ? "" : event.step(), 0, null));
        return outbox.message(Topics.SAGA_EVENTS, saga.orgId(), eventHeaders, codec.encode(body));
    }

    private void observe(SagaInstance saga, Effect.PublishSagaEvent event) {
        for (SagaObserver observer : observers) {
            try {
                observer.observe(saga, event);
            } catch (RuntimeException e) {
                // Observation (metrics) must never roll back a saga's state change.
                log.warn("Saga observer failed: {}", e.toString());
            }
        }
    }
}
