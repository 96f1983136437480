package io.switchboard.saga.definition;

import io.switchboard.contracts.replies.Reply;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One step of a saga: what to do (a command to a worker, or a local action), how replies change the saga data, how
 * to undo it, and its timeout and retry policy. A step may have only a compensation (e.g. "email the owner if
 * anything after this point fails"), or only an action.
 */
public final class StepDefinition<D> {
    public static final StepPolicy DEFAULT_ACTION_POLICY =
            new StepPolicy(Duration.ofSeconds(60), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    public static final StepPolicy DEFAULT_COMPENSATION_POLICY =
            new StepPolicy(Duration.ofSeconds(60), RetryPolicy.exponential(6, Duration.ofSeconds(1), Duration.ofMinutes(2)));

    private final String name;
    private Predicate<D> condition = data -> true;
    private RemoteAction<D> remoteAction;
    private LocalAction<D> localAction;
    private final ReplyHandlers<D> actionReplies = new ReplyHandlers<>();
    private RemoteCompensation<D> compensation;
    private LocalAction<D> localCompensation;
    private final ReplyHandlers<D> compensationReplies = new ReplyHandlers<>();
    private StepPolicy actionPolicy = DEFAULT_ACTION_POLICY;
    private StepPolicy compensationPolicy = DEFAULT_COMPENSATION_POLICY;
    private boolean critical = true;
    private boolean ownActionPolicy;

    private StepDefinition(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public static <D> StepDefinition<D> step(String name) {
        return new StepDefinition<>(name);
    }

    /** Run the step only when the saga data says it is needed; otherwise it is recorded as skipped. */
    public StepDefinition<D> when(Predicate<D> condition) {
        this.condition = condition;
        return this;
    }

    public StepDefinition<D> invoke(RemoteAction<D> action) {
        this.remoteAction = action;
        return this;
    }

    public StepDefinition<D> invokeLocal(LocalAction<D> action) {
        this.localAction = action;
        return this;
    }

    public <R extends Reply> StepDefinition<D> onReply(Class<R> type, BiFunction<D, R, D> handler) {
        actionReplies.on(type, handler);
        return this;
    }

    public StepDefinition<D> compensateWith(RemoteCompensation<D> compensation) {
        this.compensation = compensation;
        return this;
    }

    /** Undo the step inside the orchestrator's own transaction (e.g. hand a pooled number back). */
    public StepDefinition<D> compensateLocally(LocalAction<D> compensation) {
        this.localCompensation = compensation;
        return this;
    }

    public <R extends Reply> StepDefinition<D> onCompensated(Class<R> type, BiFunction<D, R, D> handler) {
        compensationReplies.on(type, handler);
        return this;
    }

    public StepDefinition<D> timeout(Duration timeout) {
        this.actionPolicy = new StepPolicy(timeout, actionPolicy.retry());
        return this;
    }

    public StepDefinition<D> retry(RetryPolicy retry) {
        this.actionPolicy = new StepPolicy(actionPolicy.timeout(), retry);
        return this;
    }

    /**
     * A policy that belongs to the business process (e.g. "poll every 15 s for up to 10 minutes"): configured
     * defaults for timeouts and retries are not applied over it.
     */
    public StepDefinition<D> ownPolicy(StepPolicy policy) {
        this.actionPolicy = policy;
        this.ownActionPolicy = true;
        return this;
    }

    public boolean hasOwnPolicy() {
        return ownActionPolicy;
    }

    public StepDefinition<D> compensationPolicy(StepPolicy policy) {
        this.compensationPolicy = policy;
        return this;
    }

    /** A failure of this step is recorded but does not undo the saga (e.g. an email about a working line). */
    public StepDefinition<D> nonCritical() {
        this.critical = false;
        return this;
    }

    public String name() {
        return name;
    }

    public boolean appliesTo(D data) {
        return condition.test(data);
    }

    public boolean isRemote() {
        return remoteAction != null;
    }

    public boolean isLocal() {
        return localAction != null;
    }

    public boolean hasAction() {
        return isRemote() || isLocal();
    }

    public RemoteAction<D> remoteAction() {
        return remoteAction;
    }

    public LocalAction<D> localAction() {
        return localAction;
    }

    public ReplyHandlers<D> replies(Direction direction) {
        return direction == Direction.ACTION ? actionReplies : compensationReplies;
    }

    public boolean hasCompensation() {
        return compensation != null || localCompensation != null;
    }

    public boolean hasLocalCompensation() {
        return localCompensation != null;
    }

    public LocalAction<D> localCompensation() {
        return localCompensation;
    }

    public RemoteCompensation<D> compensation() {
        return compensation;
    }

    public StepPolicy policy(Direction direction) {
        return direction == Direction.ACTION ? actionPolicy : compensationPolicy;
    }

    public boolean critical() {
        return critical;
    }

    void validate() {
        if (remoteAction != null && localAction != null) {
            throw new IllegalStateException("Step " + name + " has both a remote and a local action");
        }
        if (remoteAction != null && actionReplies.isEmpty()) {
            throw new IllegalStateException("Step " + name + " sends a command but handles no reply");
        }
        if (compensation != null && localCompensation != null) {
            throw new IllegalStateException("Step " + name + " has both a remote and a local compensation");
        }
        if (!hasAction() && !hasCompensation()) {
            throw new IllegalStateException("Step " + name + " does nothing");
        }
    }
}
