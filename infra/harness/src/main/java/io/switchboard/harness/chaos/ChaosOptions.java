package io.switchboard.harness.chaos;

import io.switchboard.harness.Args;

import java.time.Duration;

/**
 * One chaos run.
 *
 * @param organizations      onboarding sagas to start (one approval each)
 * @param toggleShare        share of organizations that, once onboarded, get InboundAiChanged(false) then (true): two more sagas each
 * @param burstToggleShare   share that get off+on right behind their approval (queued while onboarding runs; only the last applies)
 * @param duplicateShare     share whose approval is published twice (the second must start nothing)
 * @param faultRate          share of provider calls that fail (split over 5xx, 429, timeouts, applied-then-500)
 * @param killsPerKind       SIGKILLs of each of the four service kinds (each of a random instance)
 * @param killEvery          mean pause between kills (uniform 0.5×..1.5×)
 * @param publishRate        approvals per second
 * @param settleTimeout      how long to wait for every saga to end once the chaos stops
 * @param seed               fault and kill randomness, so a run can be repeated
 * @param stepTimeout        the orchestrator's step (and compensation) timeout: long enough for a killed worker to be
 *                           restarted on a loaded 2-core machine (30–60 s), or most sagas time out and compensate
 * @param instances          processes of each service kind (production runs at least two)
 * @param infraKills         SIGKILLs (and restarts) of the Kafka broker, and as many of PostgreSQL
 * @param rollingRestart     a deploy halfway through: every instance stopped gracefully and started again
 * @param opsEvery           mean pause between two actions of the people working on the system (replays,
 *                           compensates, retry-setup, cleanup, pool requests, events from a second upstream);
 *                           zero = nobody acts
 * @param trialOrganizations organizations sharing one Twilio trial account (its one number), switching inbound AI off
 *                           and on at random moments ({@link TrialAccountPlay}); zero = none
 */
public record ChaosOptions(int organizations, double toggleShare, double burstToggleShare, double duplicateShare,
                           double faultRate, int killsPerKind, Duration killEvery, double publishRate,
                           Duration settleTimeout, long seed, Duration stepTimeout, int instances, int infraKills,
                           boolean rollingRestart, Duration opsEvery, int trialOrganizations) {

    public static ChaosOptions from(Args a) {
        return new ChaosOptions(a.getInt("orgs", 600), a.getDouble("toggle-share", 0.4),
                a.getDouble("burst-toggle-share", 0.05), a.getDouble("duplicate-share", 0.05),
                a.getDouble("fault-rate", 0.12), a.getInt("kills-per-kind", 5),
                a.getDuration("kill-every", Duration.ofSeconds(12)), a.getDouble("publish-rate", 8),
                a.getDuration("settle-timeout", Duration.ofMinutes(6)), Long.parseLong(a.get("seed", "42")),
                a.getDuration("step-timeout", Duration.ofSeconds(45)), a.getInt("instances", 2),
                a.getInt("infra-kills", a.getInt("kills-per-kind", 5)),
                Boolean.parseBoolean(a.get("rolling-restart", "true")),
                a.getDuration("ops-every", Duration.ofSeconds(3)), a.getInt("trial-orgs", 4));
    }
}
