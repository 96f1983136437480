package io.switchboard.saga.definition;

import java.time.Duration;
import java.util.Map;

/**
 * Where every step's timeout and retries come from, in one place, in this order: the policy the saga definition
 * declares for the step (part of the business process), then the per-step setting, then the defaults. Definitions stay
 * immutable: configuration is looked up, never written into them.
 *
 * @param actionDefaults       timeout and retries of a step's action unless something more specific says otherwise
 * @param actionTimeouts       per-step action timeouts by step name (e.g. {@code acquire-number → 90s}), defaults' retry
 * @param compensationDefaults timeout and retries of every compensation a definition does not fix itself
 */
public record StepPolicyLookup(StepPolicy actionDefaults, Map<String, Duration> actionTimeouts,
                               StepPolicy compensationDefaults) {

    /** The engine's own defaults: 60 s and 3 attempts per action; 60 s and 6 attempts per compensation. */
    public static final StepPolicyLookup DEFAULTS = new StepPolicyLookup(
            new StepPolicy(Duration.ofSeconds(60), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(30))),
            Map.of(),
            new StepPolicy(Duration.ofSeconds(60), RetryPolicy.exponential(6, Duration.ofSeconds(1), Duration.ofMinutes(2))));

    public StepPolicyLookup {
        actionTimeouts = Map.copyOf(actionTimeouts);
    }

    /** One policy for every action and one for every compensation (tests, tools). */
    public static StepPolicyLookup uniform(StepPolicy action, StepPolicy compensation) {
        return new StepPolicyLookup(action, Map.of(), compensation);
    }

    public StepPolicy of(StepDefinition<?> step, Direction direction) {
        return step.declaredPolicy(direction).orElseGet(() -> direction == Direction.COMPENSATION
                ? compensationDefaults
                : actionTimeouts.containsKey(step.name())
                        ? new StepPolicy(actionTimeouts.get(step.name()), actionDefaults.retry())
                        : actionDefaults);
    }
}
