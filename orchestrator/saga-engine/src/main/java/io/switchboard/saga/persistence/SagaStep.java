package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;

import java.time.Instant;
import java.util.Objects;

/**
 * The history of one direction of one step: what was sent, what came back, how often, when, and why it failed. Not
 * a row of its own: the saga's steps are one {@code jsonb} column of its row ({@link StepsColumn}), so applying a
 * reply reads and writes one row. Equal when every stored field is: that is how a change to a step alone makes the
 * saga row dirty.
 */
public final class SagaStep {
    private final String name;
    private final Direction direction;
    private StepStatus status;
    private int attempt;
    private String commandType;
    private String inputJson;
    private String replyType;
    private String outputJson;
    private String errorCode;
    private String errorMessage;
    private Instant startedAt;
    private Instant attemptStartedAt;
    private Instant finishedAt;
    /** The step's durable timer (its timeout, or the end of its retry backoff); the saga row indexes the earliest. */
    private TimerKind timerKind;
    private Instant fireAt;
    /** Attempts the worker refused before any provider call: they do not use up the step's retry budget. */
    private int unstartedAttempts;
    /** The latest attempt counted in {@link #unstartedAttempts}, so a refusal reported twice is counted once. */
    private int lastUnstartedAttempt;

    SagaStep(String name, Direction direction, Instant now) {
        this.name = name;
        this.direction = direction;
        this.status = StepStatus.RUNNING;
        this.attempt = 1;
        this.startedAt = now;
        this.attemptStartedAt = now;
    }

    SagaStep(StoredStep stored) {
        this.name = stored.name();
        this.direction = stored.direction();
        this.status = stored.status();
        this.attempt = stored.attempt();
        this.commandType = stored.commandType();
        this.inputJson = stored.inputJson();
        this.replyType = stored.replyType();
        this.outputJson = stored.outputJson();
        this.errorCode = stored.errorCode();
        this.errorMessage = stored.errorMessage();
        this.startedAt = stored.startedAt();
        this.attemptStartedAt = stored.attemptStartedAt();
        this.finishedAt = stored.finishedAt();
        this.timerKind = stored.timerKind();
        this.fireAt = stored.fireAt();
        this.unstartedAttempts = stored.unstartedAttempts();
        this.lastUnstartedAttempt = stored.lastUnstartedAttempt();
    }

    StoredStep stored() {
        return new StoredStep(name, direction, status, attempt, commandType, inputJson, replyType, outputJson,
                errorCode, errorMessage, startedAt, attemptStartedAt, finishedAt, timerKind, fireAt,
                unstartedAttempts, lastUnstartedAttempt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SagaStep step && stored().equals(step.stored());
    }

    /** On the fields that never change, so a step's hash stays put while it moves on. */
    @Override
    public int hashCode() {
        return Objects.hash(name, direction);
    }

    public void sent(String commandType, String inputJson) {
        this.commandType = commandType;
        this.inputJson = inputJson;
    }

    public void nextAttempt(Instant now) {
        this.attempt++;
        this.status = StepStatus.RUNNING;
        this.attemptStartedAt = now;
    }

    /** Ops replay: the step starts over at attempt 1, keeping its place in the saga's history. */
    public void restart(Instant now) {
        this.status = StepStatus.RUNNING;
        this.attempt = 1;
        this.unstartedAttempts = 0;
        this.lastUnstartedAttempt = 0;
        this.replyType = null;
        this.outputJson = null;
        this.errorCode = null;
        this.errorMessage = null;
        this.startedAt = now;
        this.attemptStartedAt = now;
        this.finishedAt = null;
    }

    public void succeeded(String replyType, String outputJson, Instant now) {
        this.status = StepStatus.SUCCEEDED;
        this.replyType = replyType;
        this.outputJson = outputJson;
        this.finishedAt = now;
    }

    public void skipped(Instant now) {
        this.status = StepStatus.SKIPPED;
        this.finishedAt = now;
    }

    public void failed(String errorCode, String errorMessage, boolean retryScheduled, Instant now) {
        this.status = retryScheduled ? StepStatus.WAITING_RETRY : StepStatus.FAILED;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.finishedAt = retryScheduled ? null : now;
    }

    /**
     * Records that {@code refusedAttempt} never reached a provider. Counted once per attempt, and only as long as
     * {@code allowance} is not used up, so a worker that can never keep up still makes the step fail eventually.
     *
     * @return whether the attempt was refunded
     */
    public boolean refundUnstarted(int refusedAttempt, int allowance) {
        if (refusedAttempt <= lastUnstartedAttempt || refusedAttempt > attempt || unstartedAttempts >= allowance) {
            return false;
        }
        unstartedAttempts++;
        lastUnstartedAttempt = refusedAttempt;
        return true;
    }

    /** Attempts that count against the step's retry budget. */
    public int countedAttempts() {
        return attempt - unstartedAttempts;
    }

    public int unstartedAttempts() {
        return unstartedAttempts;
    }

    /** Arms the step's timer; replaces any timer it had. */
    public void arm(TimerKind kind, Instant at) {
        this.timerKind = kind;
        this.fireAt = at;
    }

    public void disarm() {
        this.timerKind = null;
        this.fireAt = null;
    }

    public TimerKind timerKind() {
        return timerKind;
    }

    public Instant fireAt() {
        return fireAt;
    }

    public String name() {
        return name;
    }

    public Direction direction() {
        return direction;
    }

    public StepStatus status() {
        return status;
    }

    public int attempt() {
        return attempt;
    }

    public String commandType() {
        return commandType;
    }

    public String inputJson() {
        return inputJson;
    }

    public String replyType() {
        return replyType;
    }

    public String outputJson() {
        return outputJson;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant attemptStartedAt() {
        return attemptStartedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
