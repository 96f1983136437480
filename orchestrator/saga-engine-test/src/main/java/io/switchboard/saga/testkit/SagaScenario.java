package io.switchboard.saga.testkit;

import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.engine.Effect;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.engine.SagaExecutor;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a saga definition in memory, without Kafka or a database, in the spirit of Eventuate's saga unit tests:
 * given an event, expect commands; given replies (or timeouts), expect the next commands and the end state.
 * <pre>{@code
 * SagaScenario<OnboardingData> saga = SagaScenario.given(definition).startedWith(data);
 * saga.expectCommandsInFlight(AcquireNumber.class, CreateAssistant.class, CreateAssistant.class)
 *     .reply("acquire-number", new NumberAcquired(...))
 *     .failureReply("create-inbound-assistant", StepFailed.AUTHENTICATION_FAILED, false)
 *     ...
 *     .expectState(SagaState.COMPENSATED);
 * }</pre>
 */
public final class SagaScenario<D> {
    private final SagaDefinition<D> definition;
    private final JsonCodec codec = new JsonCodec();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SagaExecutor executor;
    private final List<Effect.SendCommand> sent = new ArrayList<>();
    private final List<Effect.ScheduleTimer> timers = new ArrayList<>();
    private final List<Effect.PublishSagaEvent> events = new ArrayList<>();
    private SagaInstance saga;
    private int endedCount;

    private Function<Class<? extends Command>, String> destinations;

    private SagaScenario(SagaDefinition<D> definition, StepPolicyLookup policies, Duration replyGrace) {
        this.definition = definition;
        this.executor = new SagaExecutor(codec, clock, policies, replyGrace, SagaExecutor.DEFAULT_UNSTARTED_ALLOWANCE);
    }

    /** With the engine's default timeouts and retries ({@link StepPolicyLookup#DEFAULTS}). */
    public static <D> SagaScenario<D> given(SagaDefinition<D> definition) {
        return given(definition, StepPolicyLookup.DEFAULTS, Duration.ZERO);
    }

    /** With the orchestrator's {@code switchboard.sagas.reply-grace}: timeouts fire that long after each deadline. */
    public static <D> SagaScenario<D> given(SagaDefinition<D> definition, Duration replyGrace) {
        return given(definition, StepPolicyLookup.DEFAULTS, replyGrace);
    }

    public static <D> SagaScenario<D> given(SagaDefinition<D> definition, StepPolicyLookup policies, Duration replyGrace) {
        return new SagaScenario<>(definition, policies, replyGrace);
    }

    /**
     * Checks the destination of every command the saga sends from now on: it must be the topic
     * {@code destinations} names for the command's type (e.g. {@code Topics::commandTopicOf}); a command addressed to
     * any other topic fails the test when it is sent.
     */
    public SagaScenario<D> routedBy(Function<Class<? extends Command>, String> destinations) {
        this.destinations = destinations;
        return this;
    }

    public SagaScenario<D> startedWith(D data) {
        saga = new SagaInstance(UUID.randomUUID(), definition.type(), definition.version(), "org-under-test",
                codec.encodeToString(data), clock.instant());
        record(executor.start(definition, saga));
        return this;
    }

    /** The latest attempt of each step/direction currently waiting for a reply must be exactly these commands. */
    @SafeVarargs
    public final SagaScenario<D> expectCommandsInFlight(Class<? extends Command>... commandTypes) {
        List<Class<?>> inFlight = new ArrayList<>();
        saga.steps().stream()
                .filter(step -> step.status() == StepStatus.RUNNING)
                .forEach(step -> inFlight.add(lastCommand(step.name(), step.direction()).request().command().getClass()));
        assertThat(inFlight).containsExactlyInAnyOrder(commandTypes);
        return this;
    }

    public <C extends Command> C command(String step, Class<C> type) {
        return type.cast(lastCommand(step, Direction.ACTION).request().command());
    }

    public <C extends Command> C compensationCommand(String step, Class<C> type) {
        return type.cast(lastCommand(step, Direction.COMPENSATION).request().command());
    }

    public SagaScenario<D> reply(String step, Reply reply) {
        return replyTo(step, Direction.ACTION, reply);
    }

    public SagaScenario<D> compensationReply(String step, Reply reply) {
        return replyTo(step, Direction.COMPENSATION, reply);
    }

    public SagaScenario<D> failureReply(String step, String errorCode, boolean retryable) {
        return reply(step, new StepFailed(errorCode, "injected " + errorCode, retryable, "test", null));
    }

    public SagaScenario<D> compensationFailureReply(String step, String errorCode, boolean retryable) {
        return compensationReply(step, new StepFailed(errorCode, "injected " + errorCode, retryable, "test", null));
    }

    /** Delivers a reply for a specific attempt (to simulate stragglers and redeliveries). */
    public SagaScenario<D> replyToAttempt(String step, Direction direction, int attempt, Reply reply) {
        record(executor.onReply(definition, saga, step, direction, attempt, reply));
        return this;
    }

    /** Moves the clock and fires every timer that is due, oldest first, as the timer poller would. */
    public SagaScenario<D> elapse(Duration duration) {
        clock.advance(duration);
        List<Effect.ScheduleTimer> due = timers.stream().filter(t -> !t.fireAt().isAfter(clock.instant()))
                .sorted(java.util.Comparator.comparing(Effect.ScheduleTimer::fireAt)).toList();
        timers.removeAll(due);
        for (Effect.ScheduleTimer timer : due) {
            record(executor.onTimer(definition, saga, timer.kind(), timer.step(), timer.direction(), timer.attempt()));
        }
        return this;
    }

    /** Ops stop ({@code POST /sagas/{id}/compensate}) landing while steps may still be in flight. */
    public SagaScenario<D> opsCompensate(String reason) {
        record(executor.compensate(definition, saga, reason));
        return this;
    }

    public SagaScenario<D> replay() {
        record(executor.replay(definition, saga));
        return this;
    }

    public SagaScenario<D> expectState(SagaState state) {
        assertThat(saga.state()).as("saga state (failed step %s: %s)", saga.failedStep(), saga.failureReason())
                .isEqualTo(state);
        return this;
    }

    public SagaScenario<D> expectStepStatus(String step, Direction direction, StepStatus status) {
        assertThat(step(step, direction).map(SagaStep::status)).as("%s %s", step, direction).contains(status);
        return this;
    }

    public SagaScenario<D> expectNoStep(String step, Direction direction) {
        assertThat(step(step, direction)).as("%s %s", step, direction).isEmpty();
        return this;
    }

    /** Compensation commands in the order they were sent. */
    public List<String> compensationOrder() {
        return sent.stream().filter(s -> s.direction() == Direction.COMPENSATION).map(Effect.SendCommand::step)
                .distinct().toList();
    }

    public List<Effect.SendCommand> sentCommands() {
        return List.copyOf(sent);
    }

    public List<Effect.PublishSagaEvent> events() {
        return List.copyOf(events);
    }

    public int attempts(String step, Direction direction) {
        return step(step, direction).map(SagaStep::attempt).orElse(0);
    }

    public int endedCount() {
        return endedCount;
    }

    public D data() {
        return codec.decodeLenient(saga.dataJson(), definition.dataType());
    }

    public SagaInstance instance() {
        return saga;
    }

    private SagaScenario<D> replyTo(String step, Direction direction, Reply reply) {
        SagaStep state = step(step, direction).orElseGet(() -> fail("step %s %s never started", step, direction));
        record(executor.onReply(definition, saga, step, direction, state.attempt(), reply));
        return this;
    }

    private Optional<SagaStep> step(String name, Direction direction) {
        return saga.step(name, direction);
    }

    private Effect.SendCommand lastCommand(String step, Direction direction) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Effect.SendCommand command = sent.get(i);
            if (command.step().equals(step) && command.direction() == direction) {
                return command;
            }
        }
        return fail("no command was sent for %s %s", step, direction);
    }

    private void record(List<Effect> effects) {
        for (Effect effect : effects) {
            if (effect instanceof Effect.SendCommand send) {
                if (destinations != null) {
                    assertThat(send.request().topic()).as("topic of %s sent by %s %s",
                                    send.request().command().getClass().getSimpleName(), send.step(), send.direction())
                            .isEqualTo(destinations.apply(send.request().command().getClass()));
                }
                sent.add(send);
            } else if (effect instanceof Effect.ScheduleTimer timer) {
                timers.add(timer);
            } else if (effect instanceof Effect.CancelTimers cancel) {
                timers.removeIf(t -> t.step().equals(cancel.step()) && t.direction() == cancel.direction());
            } else if (effect instanceof Effect.PublishSagaEvent event) {
                events.add(event);
            } else if (effect instanceof Effect.SagaEnded) {
                endedCount++;
            }
        }
    }
}
