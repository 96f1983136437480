package io.switchboard.harness.chaos;

import io.switchboard.sim.common.FaultInjector;
import io.switchboard.sim.common.FaultRule;

import java.time.Duration;

/**
 * Provider faults for a chaos run, on every provider call of a simulator (searches, purchases, lists, creates,
 * deletes). The total rate is split: 5xx 40% (500 and 503), 429 25%, timeouts 20% (the simulator holds the call past
 * the workers' 3 s read timeout, then fails it), applied-then-500 15% (the work is done, the client hears 500: the
 * "did my purchase happen?" case that look-before-buy must absorb). Seeded, so a run can be replayed.
 */
final class FaultPlan {
    /** Longer than the read timeout the chaos run gives the workers. */
    static final Duration TIMEOUT_HOLD = Duration.ofSeconds(4);

    private FaultPlan() {
    }

    static void apply(FaultInjector faults, double rate, long seed) {
        faults.add(FaultRule.matching(null, null).withProbability(rate * 0.30, seed).fail(500));
        faults.add(FaultRule.matching(null, null).withProbability(rate * 0.10, seed + 1).fail(503));
        faults.add(FaultRule.matching(null, null).withProbability(rate * 0.25, seed + 2).fail(429));
        faults.add(FaultRule.matching(null, null).withProbability(rate * 0.20, seed + 3).fail(504, TIMEOUT_HOLD));
        faults.add(FaultRule.matching(null, null).withProbability(rate * 0.15, seed + 4).applyThenFail(500));
    }
}
