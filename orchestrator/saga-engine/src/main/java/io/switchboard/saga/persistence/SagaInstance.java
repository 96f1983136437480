package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a saga definition for one organization, with its data and the history of every step — all in one row,
 * so applying a reply is one read and one optimistic update ({@code where id = ? and version = ?}), written by
 * {@link SagaStore}.
 */
public class SagaInstance {
    private final UUID id;
    private final String sagaType;
    private final int definitionVersion;
    private final String orgId;
    private SagaState state;
    private String dataJson;
    private String failedStep;
    private String failureReason;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private final List<SagaStep> steps;
    /**
     * The earliest timer armed on any step ({@link #timersChanged}): the timer poller finds due sagas through an index
     * on this column instead of looking inside every row's steps.
     */
    private Instant nextFireAt;

    /** The row's version as last read or written; null until the saga is first stored. */
    private Long version;
    /** The row as last read or written, so that a saga nothing changed is not written again. */
    private SagaStore.Row stored;

    public SagaInstance(UUID id, String sagaType, int definitionVersion, String orgId, String dataJson, Instant now) {
        this.id = id;
        this.sagaType = sagaType;
        this.definitionVersion = definitionVersion;
        this.orgId = orgId;
        this.state = SagaState.RUNNING;
        this.dataJson = dataJson;
        this.createdAt = now;
        this.updatedAt = now;
        this.steps = new ArrayList<>();
    }

    /** A saga as read from its row. */
    SagaInstance(SagaStore.Row row, List<SagaStep> steps, long version) {
        this.id = row.id();
        this.sagaType = row.sagaType();
        this.definitionVersion = row.definitionVersion();
        this.orgId = row.orgId();
        this.state = row.state();
        this.dataJson = row.dataJson();
        this.failedStep = row.failedStep();
        this.failureReason = row.failureReason();
        this.createdAt = row.createdAt();
        this.updatedAt = row.updatedAt();
        this.finishedAt = row.finishedAt();
        this.nextFireAt = row.nextFireAt();
        this.steps = new ArrayList<>(steps);
        stored(row, version);
    }

    SagaStore.Row row() {
        return new SagaStore.Row(id, sagaType, definitionVersion, orgId, state, dataJson, failedStep, failureReason,
                createdAt, updatedAt, finishedAt, SagaStore.stored(steps), nextFireAt);
    }

    void stored(SagaStore.Row row, long version) {
        this.stored = row;
        this.version = version;
    }

    SagaStore.Row storedRow() {
        return stored;
    }

    Long version() {
        return version;
    }

    public Optional<SagaStep> step(String name, Direction direction) {
        return steps.stream().filter(s -> s.name().equals(name) && s.direction() == direction).findFirst();
    }

    public SagaStep addStep(String name, Direction direction, Instant now) {
        SagaStep step = new SagaStep(name, direction, now);
        steps.add(step);
        return step;
    }

    public void removeStep(SagaStep step) {
        steps.removeIf(candidate -> candidate == step);
    }

    /** Called once a transaction's timer changes are made, before the row is written. */
    public void timersChanged() {
        nextFireAt = steps.stream().map(SagaStep::fireAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    public Instant nextFireAt() {
        return nextFireAt;
    }

    public UUID id() {
        return id;
    }

    public String sagaType() {
        return sagaType;
    }

    public int definitionVersion() {
        return definitionVersion;
    }

    public String orgId() {
        return orgId;
    }

    public SagaState state() {
        return state;
    }

    public String dataJson() {
        return dataJson;
    }

    public String failedStep() {
        return failedStep;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public List<SagaStep> steps() {
        return steps;
    }

    public void data(String json, Instant now) {
        this.dataJson = json;
        this.updatedAt = now;
    }

    public void state(SagaState state, Instant now) {
        this.state = state;
        this.updatedAt = now;
        this.finishedAt = state.active() ? null : now;
    }

    public void failure(String step, String reason) {
        this.failedStep = step;
        this.failureReason = reason;
    }
}
