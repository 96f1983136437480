package io.switchboard.saga.timers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.timers.*}
 *
 * @param pollInterval how often due timers are looked for; the resolution of every step timeout and backoff
 * @param batchSize    timers fired per poll at most
 * @param startupCatchUpMaxWait after a start, timers wait until the replies published while the orchestrator was
 *                     down are consumed ({@link ReplyCatchUp}), at most this long; 0 = do not wait. Longer than the
 *                     consumer session timeout (45 s): a killed orchestrator's consumers keep their partitions
 *                     until it expires, so nothing is read before then
 */
@ConfigurationProperties(prefix = "switchboard.timers")
public record TimerProperties(
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("90s") Duration startupCatchUpMaxWait) {
}
