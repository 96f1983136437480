package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/** The history of one direction of one step: what was sent, what came back, how often, when, and why it failed. */
@Entity
@Table(name = "saga_step")
@DynamicUpdate
public class SagaStep {
    /** From a sequence with a pooled allocation, so Hibernate can batch the inserts of one transaction. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "saga_step_ids")
    @SequenceGenerator(name = "saga_step_ids", sequenceName = "saga_step_id_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "saga_id")
    private SagaInstance saga;

    @Column(name = "step_name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StepStatus status;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "command_type")
    private String commandType;

    @Column(name = "input", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String inputJson;

    @Column(name = "reply_type")
    private String replyType;

    @Column(name = "output", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String outputJson;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_message")
    private String errorMessage;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "attempt_started_at", nullable = false)
    private Instant attemptStartedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /**
     * The step's durable timer (its timeout, or the end of its retry backoff), kept in the step's own row: arming or
     * clearing it rides on the update the step gets anyway, instead of a row of its own to insert and delete.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "timer_kind")
    private TimerKind timerKind;

    @Column(name = "fire_at")
    private Instant fireAt;

    /** Attempts the worker refused before any provider call: they do not use up the step's retry budget. */
    @Column(name = "unstarted_attempts", nullable = false)
    private int unstartedAttempts;

    /** The latest attempt counted in {@link #unstartedAttempts}, so a refusal reported twice is counted once. */
    @Column(name = "last_unstarted_attempt", nullable = false)
    private int lastUnstartedAttempt;

    protected SagaStep() {
    }

    SagaStep(SagaInstance saga, String name, Direction direction, Instant now) {
        this.saga = saga;
        this.name = name;
        this.direction = direction;
        this.status = StepStatus.RUNNING;
        this.attempt = 1;
        this.startedAt = now;
        this.attemptStartedAt = now;
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

    /**
     * Ops replay: the same row starts over at attempt 1. Reusing the row (rather than deleting it and inserting a new
     * one) matters: Hibernate flushes inserts before orphan deletes, which would break the (saga, step, direction)
     * unique key.
     */
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
