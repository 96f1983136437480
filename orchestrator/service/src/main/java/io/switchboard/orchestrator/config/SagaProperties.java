package io.switchboard.orchestrator.config;

import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code switchboard.sagas.*}: timeouts and retries of every saga step.
 *
 * @param stepTimeout             how long an attempt may wait for its reply before it counts as a retryable failure
 * @param stepTimeouts            per-step overrides of {@code stepTimeout}, by step name (e.g. {@code acquire-number: 90s})
 * @param maxAttempts             attempts of a step before the saga compensates
 * @param initialBackoff          pause before the second attempt; doubles per attempt
 * @param maxBackoff              cap of that pause
 * @param compensationTimeout     the same for compensations
 * @param compensationMaxAttempts attempts of a compensation before the saga is parked as FAILED for ops
 * @param compensationMaxBackoff  cap of the pause between compensation attempts
 * @param failingLocalSteps       fault injection: local steps that fail on purpose (drills, tests, chaos runs)
 * @param replyGrace              workers act on a command only until its deadline ({@code sb_deadline}, the step or
 *                                compensation timeout after sending); its timeout fires this much later, so that a
 *                                reply sent just before the deadline is still applied
 * @param unstartedAttemptAllowance attempts per step a worker may refuse because they reached it too late to start
 *                                (a backlog after a crash or rebalance) without using up the step's attempts
 * @param cachedSagas             running sagas kept in memory as last committed, so that their next reply or timer
 *                                needs no read of their row (a copy gone stale fails on the row's version and is read
 *                                again); 0 turns this off
 */
@ConfigurationProperties(prefix = "switchboard.sagas")
public record SagaProperties(
        @DefaultValue("60s") Duration stepTimeout,
        Map<String, Duration> stepTimeouts,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration compensationTimeout,
        @DefaultValue("8") int compensationMaxAttempts,
        @DefaultValue("2m") Duration compensationMaxBackoff,
        Set<String> failingLocalSteps,
        @DefaultValue("5s") Duration replyGrace,
        @DefaultValue("5") int unstartedAttemptAllowance,
        @DefaultValue("2000") int cachedSagas) {

    public SagaProperties {
        stepTimeouts = stepTimeouts == null ? Map.of() : Map.copyOf(stepTimeouts);
        failingLocalSteps = failingLocalSteps == null ? Set.of() : Set.copyOf(failingLocalSteps);
    }

    /**
     * The one place every step's policy comes from: what a saga definition fixes for a step itself, then
     * {@code step-timeouts}, then these defaults.
     */
    public StepPolicyLookup policyLookup() {
        return new StepPolicyLookup(
                new StepPolicy(stepTimeout, RetryPolicy.exponential(maxAttempts, initialBackoff, maxBackoff)),
                stepTimeouts,
                new StepPolicy(compensationTimeout,
                        RetryPolicy.exponential(compensationMaxAttempts, initialBackoff, compensationMaxBackoff)));
    }
}
