package io.switchboard.sim.common;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One fault to inject. The record is also the JSON body of {@code POST /__admin/faults}, so it is flat:
 * <pre>
 * {"method":"POST", "pathRegex":".*&#47;IncomingPhoneNumbers\\.json", "operation":"CreateIncomingPhoneNumber",
 *  "trigger":"NTH", "count":2, "action":"APPLY_THEN_FAIL", "status":500, "delayMillis":0, "retryAfterSeconds":2}
 * </pre>
 * Every match field is optional (absent = any). Defaults: trigger ALWAYS, count 1, action FAIL, status 500,
 * delayMillis 0, no Retry-After.
 *
 * @param id          assigned by {@link FaultInjector#add}; ignored on input
 * @param pathRegex   must match the whole request path
 * @param count       NTH: which matching call (1-based) fails; NEXT: how many matching calls fail
 * @param probability PROBABILITY: chance 0..1 that a matching call fails
 * @param seed        PROBABILITY: seed of the rule's Random, so a chaos run can be replayed exactly
 * @param status      FAIL / APPLY_THEN_FAIL: HTTP status answered, with the provider's error body
 * @param delayMillis DELAY: wait before processing; FAIL, DROP and their APPLY_THEN_ variants: wait before answering
 * @param retryAfterSeconds FAIL / APPLY_THEN_FAIL: a {@code Retry-After} header (seconds) on the injected answer, as
 *                    providers send with 429; absent = none
 */
public record FaultRule(
        String id,
        String method,
        String pathRegex,
        String operation,
        Trigger trigger,
        Integer count,
        Double probability,
        Long seed,
        Action action,
        Integer status,
        Long delayMillis,
        Integer retryAfterSeconds) {

    /** Which of the matching calls the rule hits. */
    public enum Trigger { ALWAYS, NTH, NEXT, PROBABILITY }

    /** What happens to a hit call. */
    public enum Action {
        /** Answer {@code status} without doing anything: the provider never processed the call. */
        FAIL,
        /** Hold the call for {@code delayMillis}, then process it and answer normally (slow provider). */
        DELAY,
        /** Do the real work (buy the number, create the assistant), then answer {@code status}: outcome unknown to the client. */
        APPLY_THEN_FAIL,
        /** Close the connection without an answer and without doing the work. */
        DROP,
        /** Do the real work, then close the connection without an answer. */
        APPLY_THEN_DROP;

        public boolean appliesEffect() {
            return this == DELAY || this == APPLY_THEN_FAIL || this == APPLY_THEN_DROP;
        }

        public boolean answersNormally() {
            return this == DELAY;
        }

        public boolean dropsConnection() {
            return this == DROP || this == APPLY_THEN_DROP;
        }
    }

    public FaultRule {
        trigger = trigger == null ? Trigger.ALWAYS : trigger;
        action = action == null ? Action.FAIL : action;
        count = count == null ? 1 : count;
        status = status == null ? 500 : status;
        delayMillis = delayMillis == null ? 0L : delayMillis;
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (trigger == Trigger.PROBABILITY && (probability == null || probability < 0 || probability > 1)) {
            throw new IllegalArgumentException("PROBABILITY needs probability in 0..1, got " + probability);
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative");
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (pathRegex != null) {
            Pattern.compile(pathRegex); // fail on bad input now, not on the first request
        }
    }

    public FaultRule withId(String newId) {
        return new FaultRule(newId, method, pathRegex, operation, trigger, count, probability, seed, action, status,
                delayMillis, retryAfterSeconds);
    }

    /** The same rule, its injected answers carrying {@code Retry-After: seconds}. */
    public FaultRule withRetryAfterSeconds(int seconds) {
        return new FaultRule(id, method, pathRegex, operation, trigger, count, probability, seed, action, status,
                delayMillis, seconds);
    }

    public Duration delay() {
        return Duration.ofMillis(delayMillis);
    }

    /** Start a rule for requests with this method (null = any) and a path matching the regex (null = any). */
    public static Builder matching(String method, String pathRegex) {
        return new Builder(method, pathRegex, null);
    }

    /** Start a rule for one provider operation, e.g. {@code CreateIncomingPhoneNumber} or {@code AssistantController_create}. */
    public static Builder forOperation(String operation) {
        return new Builder(null, null, operation);
    }

    /** Fluent construction from Java: pick the calls, then the action. */
    public static final class Builder {
        private final String method;
        private final String pathRegex;
        private String operation;
        private Trigger trigger = Trigger.ALWAYS;
        private int count = 1;
        private Double probability;
        private Long seed;

        private Builder(String method, String pathRegex, String operation) {
            this.method = method;
            this.pathRegex = pathRegex;
            this.operation = operation;
        }

        public Builder operation(String name) {
            this.operation = name;
            return this;
        }

        public Builder onNthCall(int n) {
            return trigger(Trigger.NTH, n);
        }

        public Builder onNextCalls(int k) {
            return trigger(Trigger.NEXT, k);
        }

        public Builder always() {
            return trigger(Trigger.ALWAYS, 1);
        }

        public Builder withProbability(double p, long randomSeed) {
            this.probability = p;
            this.seed = randomSeed;
            return trigger(Trigger.PROBABILITY, 1);
        }

        public FaultRule fail(int httpStatus) {
            return build(Action.FAIL, httpStatus, Duration.ZERO);
        }

        public FaultRule fail(int httpStatus, Duration after) {
            return build(Action.FAIL, httpStatus, after);
        }

        public FaultRule delay(Duration delay) {
            return build(Action.DELAY, 500, delay);
        }

        public FaultRule applyThenFail(int httpStatus) {
            return build(Action.APPLY_THEN_FAIL, httpStatus, Duration.ZERO);
        }

        /** Do the work, then hang for {@code after} before answering: the "timeout after success" case. */
        public FaultRule applyThenFail(int httpStatus, Duration after) {
            return build(Action.APPLY_THEN_FAIL, httpStatus, after);
        }

        public FaultRule drop() {
            return build(Action.DROP, 500, Duration.ZERO);
        }

        public FaultRule applyThenDrop() {
            return build(Action.APPLY_THEN_DROP, 500, Duration.ZERO);
        }

        private Builder trigger(Trigger t, int n) {
            this.trigger = t;
            this.count = n;
            return this;
        }

        private FaultRule build(Action action, int status, Duration delay) {
            return new FaultRule(null, method, pathRegex, operation, trigger, count, probability, seed,
                    action, status, delay.toMillis(), null);
        }
    }
}
