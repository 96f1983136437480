package io.switchboard.saga.engine;

import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepDefinition;
import io.switchboard.saga.definition.StepFailure;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.persistence.TimerKind;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The saga state machine. Given a definition, an instance and one input (start, a reply, a timer), it updates the
 * instance and returns the effects to perform. It does no I/O, so it runs the same inside the orchestrator's
 * transactions and inside the saga test kit.
 */
public final class SagaExecutor {
    private final JsonCodec codec;
    private final Clock clock;
    private final StepPolicyLookup policies;
    private final Duration replyGrace;
    private final int unstartedAllowance;

    /**
     * @param policies           every step's timeout and retries
     * @param replyGrace         how long after a command's deadline its timeout fires: the worker acts only before
     *                           the deadline, the grace lets a reply sent just in time travel through Kafka and be applied
     * @param unstartedAllowance attempts per step that a worker may refuse unstarted ({@code COMMAND_NOT_STARTED},
     *                           e.g. a backlog after a restart) without using up the step's retry budget
     */
    public SagaExecutor(JsonCodec codec, Clock clock, StepPolicyLookup policies, Duration replyGrace,
                        int unstartedAllowance) {
        this.codec = codec;
        this.clock = clock;
        this.policies = policies;
        this.replyGrace = replyGrace;
        this.unstartedAllowance = unstartedAllowance;
    }

    public static final int DEFAULT_UNSTARTED_ALLOWANCE = 5;

    public <D> List<Effect> start(SagaDefinition<D> definition, SagaInstance saga) {
        Run<D> run = new Run<>(definition, saga);
        run.effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.SagaStarted, null, null));
        run.advance();
        return run.finish();
    }

    /**
     * Applies a worker's reply. Replies for an attempt that is no longer current, or for a step already finished,
     * are duplicates or stragglers and change nothing — except a late success of a step we had given up on, whose
     * effect must then be undone.
     */
    public <D> List<Effect> onReply(SagaDefinition<D> definition, SagaInstance saga, String stepName,
                                    Direction direction, int attempt, Reply reply) {
        Run<D> run = new Run<>(definition, saga);
        Optional<SagaStep> found = saga.step(stepName, direction);
        Optional<StepDefinition<D>> stepDefinition = definition.step(stepName);
        if (found.isEmpty() || stepDefinition.isEmpty()) {
            return List.of();
        }
        SagaStep step = found.get();
        if (reply instanceof StepFailed failure) {
            if (StepFailed.COMMAND_NOT_STARTED.equals(failure.errorCode()) && attempt < step.attempt()
                    && step.status().inFlight()) {
                // An attempt that already timed out never reached the provider (the worker was down or behind): it
                // gives its place in the retry budget back, so a restart does not push healthy sagas to their last try.
                step.refundUnstarted(attempt, unstartedAllowance);
            }
            if (step.status() == StepStatus.RUNNING && step.attempt() == attempt) {
                run.fail(stepDefinition.get(), step, failure.errorCode(), failure.message(), failure.retryable());
                run.advance();
            } else if (run.inDoubtAnswerOfAnAttemptGivenUp(stepDefinition.get(), step, direction, attempt, failure)) {
                run.lookAgain(stepDefinition.get(), step);
            }
        } else if (step.status().inFlight() || run.lateSuccessToUndo(stepDefinition.get(), step, direction, attempt)) {
            run.succeed(stepDefinition.get(), step, reply);
            run.advance();
        }
        return run.finish();
    }

    public <D> List<Effect> onTimer(SagaDefinition<D> definition, SagaInstance saga, TimerKind kind, String stepName,
                                    Direction direction, int attempt) {
        Run<D> run = new Run<>(definition, saga);
        Optional<SagaStep> found = saga.step(stepName, direction);
        Optional<StepDefinition<D>> stepDefinition = definition.step(stepName);
        if (found.isEmpty() || stepDefinition.isEmpty() || found.get().attempt() != attempt) {
            return List.of();
        }
        SagaStep step = found.get();
        if (kind == TimerKind.STEP_TIMEOUT && step.status() == StepStatus.RUNNING) {
            String message = "no reply within " + policies.of(stepDefinition.get(), direction).timeout();
            run.failUnanswered(stepDefinition.get(), step, message);
            run.advance();
        } else if (kind == TimerKind.RETRY && step.status() == StepStatus.WAITING_RETRY) {
            step.nextAttempt(run.now);
            run.dispatch(stepDefinition.get(), step);
            run.advance();
        }
        return run.finish();
    }

    /** Ops resume: the failed step (or compensation) is tried again from attempt 1 and the saga continues. */
    public <D> List<Effect> replay(SagaDefinition<D> definition, SagaInstance saga) {
        Run<D> run = new Run<>(definition, saga);
        List<SagaStep> failed = saga.steps().stream().filter(s -> s.status() == StepStatus.FAILED).toList();
        boolean compensationFailed = failed.stream().anyMatch(s -> s.direction() == Direction.COMPENSATION);
        List<SagaStep> again = failed.stream()
                .filter(s -> !compensationFailed || s.direction() == Direction.COMPENSATION).toList();
        if (compensationFailed) {
            saga.state(SagaState.COMPENSATING, run.now);
            // The saga is undoing a forward failure again: that failure, not the compensation's, is what the owner's
            // failure email and the final record must name.
            saga.steps().stream().filter(s -> s.direction() == Direction.ACTION && s.status() == StepStatus.FAILED)
                    .findFirst().ifPresent(s -> saga.failure(s.name(), s.errorCode() + ": " + s.errorMessage()));
        } else {
            saga.state(SagaState.RUNNING, run.now);
            saga.failure(null, null);
        }
        for (SagaStep step : again) {
            Optional<StepDefinition<D>> stepDefinition = definition.step(step.name());
            if (stepDefinition.isEmpty()) {
                saga.removeStep(step);
                continue;
            }
            step.restart(run.now);
            run.dispatch(stepDefinition.get(), step);
        }
        run.advance();
        return run.finish();
    }

    /** Ops stop: undo what succeeded so far, as if the current step had failed for good. */
    public <D> List<Effect> compensate(SagaDefinition<D> definition, SagaInstance saga, String reason) {
        Run<D> run = new Run<>(definition, saga);
        for (SagaStep step : saga.steps()) {
            if (step.direction() == Direction.ACTION && step.status().inFlight()) {
                if (step.status() == StepStatus.WAITING_RETRY) {
                    definition.step(step.name()).ifPresent(d -> run.lookForEarlierEffect(d, step));
                }
                step.failed(StepFailed.CANCELLED, reason, false, run.now);
                run.effects.add(new Effect.CancelTimers(step.name(), Direction.ACTION));
            }
        }
        if (saga.state() == SagaState.RUNNING || saga.state() == SagaState.FAILED) {
            saga.failure(saga.failedStep() == null ? "cancelled" : saga.failedStep(), reason);
            saga.state(SagaState.COMPENSATING, run.now);
        }
        run.advance();
        return run.finish();
    }

    /** One input being applied to one instance. */
    private final class Run<D> {
        private final SagaDefinition<D> definition;
        private final SagaInstance saga;
        private final Instant now = Instant.now(clock);
        private final List<Effect> effects = new ArrayList<>();
        private final SagaState initialState;
        /** A late success reopened the ended saga: ending again, even within this run, is an end listeners hear. */
        private boolean reopened;
        private D data;

        Run(SagaDefinition<D> definition, SagaInstance saga) {
            this.definition = definition;
            this.saga = saga;
            this.data = codec.decodeLenient(saga.dataJson(), definition.dataType());
            this.initialState = saga.state();
        }

        /**
         * An attempt the engine gave up on — it timed out, or ops cancelled it while its command was out — may still
         * have happened at the provider. Its success is recorded after all, so the compensation undoes it and nothing
         * leaks. So is the answer to the last look of a step whose attempts ran out ({@link #fail}): a success for a
         * failed step's current attempt. All of it only where that failure undid the saga: a failure the saga went past
         * (a non-critical step, a tolerated one) left it COMPLETED, and reopening it would undo a working line (chaos
         * run 13: late successes of completed onboardings' email steps released their lines' numbers).
         */
        boolean lateSuccessToUndo(StepDefinition<D> definition, SagaStep step, Direction direction, int attempt) {
            if (direction != Direction.ACTION || step.status() != StepStatus.FAILED || !failureUndidSaga(definition, step)) {
                return false;
            }
            return StepFailed.TIMEOUT.equals(step.errorCode()) || StepFailed.CANCELLED.equals(step.errorCode())
                    || attempt == step.attempt();
        }

        /**
         * The answer to an attempt the engine had already given up on (ops cancelled it, or its timer fired) is a failure
         * that may hide an effect: a 500 on a purchase, or the worker's own call left unanswered. Nobody would look
         * again, and what the attempt did would leak (chaos runs 15 and 16: VAPI registrations kept after an ops stop).
         * So the step looks once more, as for an ops stop during a backoff, where its failure undid the saga. Bounded
         * at twice the step's attempts, so a provider that keeps answering 500 cannot make it look forever.
         */
        boolean inDoubtAnswerOfAnAttemptGivenUp(StepDefinition<D> definition, SagaStep step, Direction direction,
                                                int attempt, StepFailed failure) {
            return direction == Direction.ACTION && definition.isRemote() && step.status() == StepStatus.FAILED
                    && attempt == step.attempt() && failure.retryable() && mayHideAnEffect(failure.errorCode(), true)
                    && failureUndidSaga(definition, step) && step.countedAttempts() < 2 * policies.of(definition, direction).retry().maxAttempts();
        }

        /** Whether the step's failure undid the saga: a saga that still completed went past it, with nothing to undo. */
        private boolean failureUndidSaga(StepDefinition<D> definition, SagaStep step) {
            return saga.state() != SagaState.COMPLETED && definition.failureUndoesSaga(data, step.errorCode());
        }

        /** One more look for a failed step; it stays failed with the reason it had, whatever the look finds. */
        void lookAgain(StepDefinition<D> step, SagaStep state) {
            String errorCode = state.errorCode();
            String errorMessage = state.errorMessage();
            lookForEarlierEffect(step, state);
            state.failed(errorCode, errorMessage, false, now);
        }

        /**
         * Whether a failure leaves open that the provider acted. "Not started" and "not ready" are answers, not doubts.
         * A timeout is a doubt when a worker reports it (its own provider call went unanswered); the engine's own timer
         * ({@code answered == false}) is not: that attempt's late answer is still taken, and a redelivery past its
         * deadline looks by itself.
         */
        private boolean mayHideAnEffect(String errorCode, boolean answered) {
            if (StepFailed.COMMAND_NOT_STARTED.equals(errorCode) || StepFailed.NOT_READY.equals(errorCode)) {
                return false;
            }
            return answered || !StepFailed.TIMEOUT.equals(errorCode);
        }

        List<Effect> finish() {
            saga.data(codec.encodeToString(data), now);
            if ((initialState.active() || reopened) && !saga.state().active()) {
                effects.add(new Effect.SagaEnded());
            }
            return effects;
        }

        void advance() {
            while (true) {
                boolean progressed = switch (saga.state()) {
                    case RUNNING -> advanceForward();
                    case COMPENSATING -> advanceBackward();
                    default -> false;
                };
                if (!progressed) {
                    return;
                }
            }
        }

        /** @return true when something changed that may let the saga move further right away */
        private boolean advanceForward() {
            for (List<StepDefinition<D>> stage : definition.stages()) {
                List<SagaStep> states = new ArrayList<>();
                boolean started = false;
                for (StepDefinition<D> step : stage) {
                    Optional<SagaStep> state = saga.step(step.name(), Direction.ACTION);
                    if (state.isEmpty()) {
                        states.add(begin(step));
                        started = true;
                    } else {
                        states.add(state.get());
                    }
                }
                if (started && states.stream().allMatch(s -> finishedForward(s))) {
                    return true;
                }
                if (states.stream().anyMatch(s -> s.status().inFlight())) {
                    return false;
                }
                Optional<SagaStep> fatal = states.stream().filter(s -> s.status() == StepStatus.FAILED
                        && definition.step(s.name()).map(d -> d.failureUndoesSaga(data, s.errorCode())).orElse(true))
                        .findFirst();
                if (fatal.isPresent()) {
                    saga.failure(fatal.get().name(), fatal.get().errorCode() + ": " + fatal.get().errorMessage());
                    saga.state(SagaState.COMPENSATING, now);
                    return true;
                }
            }
            saga.state(SagaState.COMPLETED, now);
            effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.SagaCompleted, null, null));
            return false;
        }

        private boolean finishedForward(SagaStep step) {
            return step.status().done() || step.status() == StepStatus.FAILED;
        }

        private boolean advanceBackward() {
            List<StepDefinition<D>> steps = new ArrayList<>(definition.steps());
            java.util.Collections.reverse(steps);
            for (StepDefinition<D> step : steps) {
                if (!step.hasCompensation() || !actionSucceeded(step)) {
                    continue;
                }
                Optional<SagaStep> compensation = saga.step(step.name(), Direction.COMPENSATION);
                if (compensation.isEmpty()) {
                    beginCompensation(step);
                    return true;
                }
                StepStatus status = compensation.get().status();
                if (status.inFlight()) {
                    return false;
                }
                if (status == StepStatus.FAILED) {
                    saga.failure(step.name() + " (compensation)",
                            compensation.get().errorCode() + ": " + compensation.get().errorMessage());
                    saga.state(SagaState.FAILED, now);
                    effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.SagaFailed, step.name(), saga.failureReason()));
                    return false;
                }
            }
            saga.state(SagaState.COMPENSATED, now);
            effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.SagaCompensated, saga.failedStep(), saga.failureReason()));
            return false;
        }

        private boolean actionSucceeded(StepDefinition<D> step) {
            return saga.step(step.name(), Direction.ACTION).map(s -> s.status() == StepStatus.SUCCEEDED).orElse(false);
        }

        private SagaStep begin(StepDefinition<D> step) {
            SagaStep state = saga.addStep(step.name(), Direction.ACTION, now);
            if (!step.appliesTo(data)) {
                state.skipped(now);
            } else if (step.isLocal()) {
                runLocal(step.localAction(), step, state);
            } else if (step.isRemote()) {
                dispatch(step, state);
            } else {
                // A compensation-only step: passing it arms its compensation.
                state.succeeded(null, null, now);
            }
            return state;
        }

        private void runLocal(LocalAction<D> action, StepDefinition<D> step, SagaStep state) {
            try {
                data = action.execute(data, context(step.name(), state.direction()));
                state.succeeded(null, null, now);
                effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.StepCompleted, stepLabel(step, state), null));
            } catch (StepFailure failure) {
                fail(step, state, failure.errorCode(), failure.getMessage(), failure.retryable());
            }
        }

        private void beginCompensation(StepDefinition<D> step) {
            dispatch(step, saga.addStep(step.name(), Direction.COMPENSATION, now));
        }

        void dispatch(StepDefinition<D> step, SagaStep state) {
            StepContext context = context(step.name(), state.direction());
            if (state.direction() == Direction.ACTION) {
                if (step.isLocal()) {
                    runLocal(step.localAction(), step, state);
                    return;
                }
                send(step.remoteAction().command(data, context), step, state);
            } else if (step.hasLocalCompensation()) {
                runLocal(step.localCompensation(), step, state);
            } else {
                Optional<CommandRequest> request = step.compensation().command(data, context);
                if (request.isEmpty()) {
                    state.skipped(now);
                    return;
                }
                send(request.get(), step, state);
            }
        }

        /**
         * A step waiting for its next attempt (or out of attempts) failed retryably, and such a failure may hide an
         * effect (a purchase answered with a 500 whose look-up then timed out). Cancelled now, it would never look
         * again. So one more
         * attempt goes out already past its deadline: the worker does nothing new, only reports what an earlier
         * attempt of the request did ({@code CommandHandler.earlierEffect}), and a success it reports counts as late
         * and is undone; "not started" is ignored. No timer: the step is cancelled whatever the answer.
         */
        void lookForEarlierEffect(StepDefinition<D> step, SagaStep state) {
            if (!step.isRemote()) {
                return;
            }
            state.nextAttempt(now);
            CommandRequest request = step.remoteAction().command(data, context(step.name(), Direction.ACTION));
            state.sent(MessageTypes.typeOf(request.command().getClass()), codec.encodeToString(request.command()));
            effects.add(new Effect.SendCommand(request, step.name(), Direction.ACTION, state.attempt(), now));
        }

        private void send(CommandRequest request, StepDefinition<D> step, SagaStep state) {
            state.sent(MessageTypes.typeOf(request.command().getClass()), codec.encodeToString(request.command()));
            Instant deadline = now.plus(policies.of(step, state.direction()).timeout());
            effects.add(new Effect.SendCommand(request, step.name(), state.direction(), state.attempt(), deadline));
            effects.add(new Effect.ScheduleTimer(TimerKind.STEP_TIMEOUT, step.name(), state.direction(), state.attempt(),
                    deadline.plus(replyGrace)));
        }

        void succeed(StepDefinition<D> step, SagaStep state, Reply reply) {
            Optional<BiFunction<D, Reply, D>> handler = step.replies(state.direction()).forReply(reply);
            if (handler.isEmpty() && state.direction() == Direction.ACTION) {
                fail(step, state, "UNEXPECTED_REPLY", "step cannot use a " + reply.getClass().getSimpleName(), false);
                return;
            }
            boolean late = state.status() == StepStatus.FAILED;
            if (handler.isPresent()) {
                data = handler.get().apply(data, reply);
            }
            state.succeeded(MessageTypes.typeOf(reply.getClass()), codec.encodeToString(reply), now);
            effects.add(new Effect.CancelTimers(step.name(), state.direction()));
            effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.StepCompleted, stepLabel(step, state), null));
            if (late && !saga.state().active()) {
                // The effect happened after all; reopen the saga so its compensation runs and nothing leaks.
                saga.state(SagaState.COMPENSATING, now);
                reopened = true;
            }
        }

        /** The step's timer fired before any answer came. */
        void failUnanswered(StepDefinition<D> step, SagaStep state, String message) {
            fail(step, state, StepFailed.TIMEOUT, message, true, false);
        }

        void fail(StepDefinition<D> step, SagaStep state, String errorCode, String message, boolean retryable) {
            fail(step, state, errorCode, message, retryable, true);
        }

        private void fail(StepDefinition<D> step, SagaStep state, String errorCode, String message, boolean retryable,
                          boolean answered) {
            StepPolicy policy = policies.of(step, state.direction());
            if (StepFailed.COMMAND_NOT_STARTED.equals(errorCode)) {
                state.refundUnstarted(state.attempt(), unstartedAllowance);
            }
            boolean retry = retryable && policy.retry().allowsAnotherAttemptAfter(state.countedAttempts());
            if (retryable && !retry && state.direction() == Direction.ACTION && step.isRemote()
                    && mayHideAnEffect(errorCode, answered) && step.failureUndoesSaga(data, errorCode)) {
                // Out of attempts on a failure that may hide an effect (a purchase answered with a 500 whose look-up
                // then failed), and the saga is undone: one last look, as for an ops stop, so the compensation undoes
                // what it finds. A failure the process tolerates undoes nothing, so there is nothing to look for.
                lookForEarlierEffect(step, state);
            }
            state.failed(errorCode, message, retry, now);
            effects.add(new Effect.CancelTimers(step.name(), state.direction()));
            if (retry) {
                effects.add(new Effect.ScheduleTimer(TimerKind.RETRY, step.name(), state.direction(), state.attempt(),
                        now.plus(policy.retry().backoffAfter(state.attempt()))));
            } else {
                effects.add(new Effect.PublishSagaEvent(SagaEvent.Kind.StepFailed, stepLabel(step, state),
                        errorCode + ": " + message));
            }
        }

        private String stepLabel(StepDefinition<D> step, SagaStep state) {
            return state.direction() == Direction.ACTION ? step.name() : step.name() + " (compensation)";
        }

        private StepContext context(String step, Direction direction) {
            return new StepContext(saga.id().toString(), saga.orgId(), step, direction, saga.failedStep(),
                    saga.failureReason());
        }
    }
}
