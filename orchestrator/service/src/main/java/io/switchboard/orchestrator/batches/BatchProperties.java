package io.switchboard.orchestrator.batches;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.batches.*}: how fast ops batches ({@code POST /api/v1/batches}) move.
 *
 * @param defaultRatePerMinute items a batch starts a minute at most when its request names no rate
 * @param maxRatePerMinute     the highest rate a request may ask for (each item may buy a number or call VAPI)
 * @param maxInFlight          items of one batch started and not yet finished at most (queued or saga running)
 * @param maxItems             organizations one batch may hold at most (the item list is materialised at creation)
 * @param tickInterval         how often the runner looks at the running batches: follows started items, starts due ones
 * @param maxPageSize          items one {@code GET …/items} page returns at most
 */
@ConfigurationProperties(prefix = "switchboard.batches")
public record BatchProperties(
        @DefaultValue("60") int defaultRatePerMinute,
        @DefaultValue("600") int maxRatePerMinute,
        @DefaultValue("10") int maxInFlight,
        @DefaultValue("10000") int maxItems,
        @DefaultValue("1s") Duration tickInterval,
        @DefaultValue("500") int maxPageSize) {

    public BatchProperties {
        if (defaultRatePerMinute < 1 || maxRatePerMinute < defaultRatePerMinute || maxInFlight < 1 || maxItems < 1
                || maxPageSize < 1 || tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.batches.*: rates, max-in-flight, max-items and "
                    + "max-page-size must be at least 1 (max-rate-per-minute at least default-rate-per-minute), "
                    + "tick-interval positive");
        }
    }
}
