package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a saga definition for one organization, with its data and the history of every step — all in one row,
 * so applying a reply is one read and one optimistic update ({@code where id = ? and version = ?}).
 */
@Entity
@Table(name = "saga_instance")
@DynamicUpdate
public class SagaInstance {
    @Id
    private UUID id;

    @Column(name = "saga_type", nullable = false)
    private String sagaType;

    @Column(name = "definition_version", nullable = false)
    private int definitionVersion;

    @Column(name = "org_id", nullable = false)
    private String orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SagaState state;

    @Column(name = "data", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String dataJson;

    @Column(name = "failed_step")
    private String failedStep;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** A wrapper, so a new instance (null) is persisted at once rather than merged (which reads the row first). */
    @Version
    private Long version;

    @Convert(converter = StepsColumn.class)
    @Column(name = "steps", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private List<SagaStep> steps = new ArrayList<>();

    /**
     * The earliest timer armed on any step ({@link #timersChanged}): the timer poller finds due sagas through an index
     * on this column instead of looking inside every row's steps.
     */
    @Column(name = "next_fire_at")
    private Instant nextFireAt;

    protected SagaInstance() {
    }

    public SagaInstance(UUID id, String sagaType, int definitionVersion, String orgId, String dataJson, Instant now) {
        this.id = id;
        this.sagaType = sagaType;
        this.definitionVersion = definitionVersion;
        this.orgId = orgId;
        this.state = SagaState.RUNNING;
        this.dataJson = dataJson;
        this.createdAt = now;
        this.updatedAt = now;
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
