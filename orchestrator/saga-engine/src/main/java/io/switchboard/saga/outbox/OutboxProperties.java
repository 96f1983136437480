package io.switchboard.saga.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.outbox.*}
 *
 * @param sweepInterval   how often the publisher looks for unpublished messages the fast path did not send
 * @param sweepGrace      how old an unpublished message must be before the sweep sends it (younger ones are the
 *                        fast path's, which sends them right after their commit and marks them within
 *                        {@code markInterval}); must exceed {@code markInterval} plus {@code sendTimeout}
 * @param markInterval    how long messages the fast path sent may wait to be marked published together
 * @param batchSize       messages sent per round trip
 * @param sendTimeout     how long to wait for the broker to acknowledge a batch
 * @param retention       how long published messages stay visible (for ops) before they are purged
 * @param purgeInterval   how often published messages past their retention (and old inbox entries) are purged
 * @param purgeBatchSize  rows deleted per statement while purging (short transactions beside the hot path)
 */
@ConfigurationProperties(prefix = "switchboard.outbox")
public record OutboxProperties(
        @DefaultValue("500ms") Duration sweepInterval,
        @DefaultValue("15s") Duration sweepGrace,
        @DefaultValue("1s") Duration markInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1d") Duration retention,
        @DefaultValue("10m") Duration purgeInterval,
        @DefaultValue("5000") int purgeBatchSize) {
}
