package io.switchboard.harness.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One kill: what was killed and when, and when it answered again (for the broker and the database, the moment the
 * restarted process accepted clients; for a service, the moment it was started again — it takes a while to boot).
 */
record Outage(Target target, String instance, Instant killedAt, Instant backAt) {
    Duration downtime() {
        return Duration.between(killedAt, backAt);
    }
}
