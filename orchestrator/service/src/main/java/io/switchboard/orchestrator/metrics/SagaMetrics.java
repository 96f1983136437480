package io.switchboard.orchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.engine.Effect;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.runtime.SagaObserver;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Saga counters and step latency, from the saga events the runtime publishes:
 * <ul>
 *   <li>{@code switchboard_sagas_started_total|completed|compensated|failed{type}};</li>
 *   <li>{@code switchboard_saga_step_duration_seconds{type,step,direction,outcome}}: first attempt sent to the
 *       step finishing (retries and backoff included: what the saga actually waited).</li>
 * </ul>
 * Recorded after the transaction commits, so a rolled-back (and later redelivered) reply is not counted twice.
 */
public final class SagaMetrics implements SagaObserver {
    private static final String COMPENSATION_SUFFIX = " (compensation)";

    private final MeterRegistry registry;

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void observe(SagaInstance saga, Effect.PublishSagaEvent event) {
        Runnable record = switch (event.kind()) {
            case SagaStarted -> counter("switchboard.sagas.started", saga.sagaType());
            case SagaCompleted -> counter("switchboard.sagas.completed", saga.sagaType());
            case SagaCompensated -> counter("switchboard.sagas.compensated", saga.sagaType());
            case SagaFailed -> counter("switchboard.sagas.failed", saga.sagaType());
            case StepCompleted, StepFailed -> stepTimer(saga, event);
            // Published by the intake, without a saga: never observed here.
            case EventIgnored -> () -> { };
        };
        afterCommit(record);
    }

    private Runnable counter(String name, String type) {
        Counter counter = Counter.builder(name).description("sagas by type").tag("type", type).register(registry);
        return counter::increment;
    }

    private Runnable stepTimer(SagaInstance saga, Effect.PublishSagaEvent event) {
        if (event.step() == null) {
            return () -> { };
        }
        boolean compensation = event.step().endsWith(COMPENSATION_SUFFIX);
        String step = compensation ? event.step().substring(0, event.step().length() - COMPENSATION_SUFFIX.length())
                : event.step();
        Direction direction = compensation ? Direction.COMPENSATION : Direction.ACTION;
        Optional<Duration> duration = saga.step(step, direction).map(SagaMetrics::durationOf);
        if (duration.isEmpty()) {
            return () -> { };
        }
        Timer timer = Timer.builder("switchboard.saga.step.duration")
                .description("time from a step's first attempt to its end, retries included")
                .tag("type", saga.sagaType())
                .tag("step", step)
                .tag("direction", direction.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", event.kind() == SagaEvent.Kind.StepCompleted ? "completed" : "failed")
                .register(registry);
        Duration value = duration.get();
        return () -> timer.record(value);
    }

    private static Duration durationOf(SagaStep step) {
        Instant end = step.finishedAt() == null ? Instant.now() : step.finishedAt();
        Duration duration = Duration.between(step.startedAt(), end);
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static void afterCommit(Runnable record) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record.run();
            }
        });
    }
}
