package io.switchboard.saga.definition;

import io.switchboard.contracts.replies.Reply;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One step of a saga: what to do (a command to a worker, or a local action), how replies change the saga data, how
 * to undo it. A step may have only a compensation (e.g. "email the owner if anything after this point fails"), or only
 * an action. Immutable once built; its timeouts and retries come from {@link StepPolicyLookup}, unless the business
 * process itself declares them ({@link Builder#policy}).
 */
public final class StepDefinition<D> {
    private final String name;
    private final Predicate<D> condition;
    private final RemoteAction<D> remoteAction;
    private final LocalAction<D> localAction;
    private final ReplyHandlers<D> actionReplies;
    private final RemoteCompensation<D> compensation;
    private final LocalAction<D> localCompensation;
    private final ReplyHandlers<D> compensationReplies;
    private final StepPolicy declaredActionPolicy;
    private final StepPolicy declaredCompensationPolicy;
    private final boolean critical;
    private final BiPredicate<D, String> tolerated;

    private StepDefinition(Builder<D> b) {
        this.name = b.name;
        this.condition = b.condition;
        this.remoteAction = b.remoteAction;
        this.localAction = b.localAction;
        this.actionReplies = b.actionReplies.copy();
        this.compensation = b.compensation;
        this.localCompensation = b.localCompensation;
        this.compensationReplies = b.compensationReplies.copy();
        this.declaredActionPolicy = b.actionPolicy;
        this.declaredCompensationPolicy = b.compensationPolicy;
        this.critical = b.critical;
        this.tolerated = b.tolerated;
    }

    public static <D> Builder<D> step(String name) {
        return new Builder<>(name);
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

    /** A policy the saga definition itself fixes for this step (part of the business process), if any. */
    public Optional<StepPolicy> declaredPolicy(Direction direction) {
        return Optional.ofNullable(direction == Direction.ACTION ? declaredActionPolicy : declaredCompensationPolicy);
    }

    public boolean critical() {
        return critical;
    }

    /**
     * Whether this step's final failure with {@code errorCode} undoes the saga: not for a non-critical step, nor for
     * a failure the business process has a way around ({@link Builder#tolerating}), given the data at that point.
     */
    public boolean failureUndoesSaga(D data, String errorCode) {
        return critical && !tolerated.test(data, errorCode);
    }

    /** Declares a step; {@link SagaDefinition.Builder} builds it. */
    public static final class Builder<D> {
        private final String name;
        private Predicate<D> condition = data -> true;
        private RemoteAction<D> remoteAction;
        private LocalAction<D> localAction;
        private final ReplyHandlers<D> actionReplies = new ReplyHandlers<>();
        private RemoteCompensation<D> compensation;
        private LocalAction<D> localCompensation;
        private final ReplyHandlers<D> compensationReplies = new ReplyHandlers<>();
        private StepPolicy actionPolicy;
        private StepPolicy compensationPolicy;
        private boolean critical = true;
        private BiPredicate<D, String> tolerated = (data, errorCode) -> false;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** Run the step only when the saga data says it is needed; otherwise it is recorded as skipped. */
        public Builder<D> when(Predicate<D> condition) {
            this.condition = condition;
            return this;
        }

        public Builder<D> invoke(RemoteAction<D> action) {
            this.remoteAction = action;
            return this;
        }

        public Builder<D> invokeLocal(LocalAction<D> action) {
            this.localAction = action;
            return this;
        }

        public <R extends Reply> Builder<D> onReply(Class<R> type, BiFunction<D, R, D> handler) {
            actionReplies.on(type, handler);
            return this;
        }

        public Builder<D> compensateWith(RemoteCompensation<D> compensation) {
            this.compensation = compensation;
            return this;
        }

        /** Undo the step inside the orchestrator's own transaction (e.g. hand a pooled number back). */
        public Builder<D> compensateLocally(LocalAction<D> compensation) {
            this.localCompensation = compensation;
            return this;
        }

        public <R extends Reply> Builder<D> onCompensated(Class<R> type, BiFunction<D, R, D> handler) {
            compensationReplies.on(type, handler);
            return this;
        }

        /**
         * A policy that belongs to the business process (e.g. "poll every 15 s for up to 10 minutes"): it wins over
         * every configured timeout and retry.
         */
        public Builder<D> policy(StepPolicy policy) {
            this.actionPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** The same for the step's compensation. */
        public Builder<D> compensationPolicy(StepPolicy policy) {
            this.compensationPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** A failure of this step is recorded but does not undo the saga (e.g. an email about a working line). */
        public Builder<D> nonCritical() {
            this.critical = false;
            return this;
        }

        /**
         * A final failure of this step whose error code the predicate accepts (given the saga data) is recorded but
         * does not undo the saga: the saga goes on, and later steps see from the unchanged data that this one got
         * nothing (e.g. "no free number left: take a Twilio number instead"). Any other failure undoes it as usual.
         */
        public Builder<D> tolerating(BiPredicate<D, String> errorCodeAndData) {
            this.tolerated = Objects.requireNonNull(errorCodeAndData);
            return this;
        }

        public String name() {
            return name;
        }

        StepDefinition<D> build() {
            if (remoteAction != null && localAction != null) {
                throw new IllegalStateException("Step " + name + " has both a remote and a local action");
            }
            if (remoteAction != null && actionReplies.isEmpty()) {
                throw new IllegalStateException("Step " + name + " sends a command but handles no reply");
            }
            if (compensation != null && localCompensation != null) {
                throw new IllegalStateException("Step " + name + " has both a remote and a local compensation");
            }
            if (remoteAction == null && localAction == null && compensation == null && localCompensation == null) {
                throw new IllegalStateException("Step " + name + " does nothing");
            }
            return new StepDefinition<>(this);
        }
    }
}
