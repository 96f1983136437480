package io.switchboard.orchestrator.pool;

import java.util.Map;

/**
 * {@code GET /api/v1/number-pool/stats}.
 *
 * @param vapiFreeNumberLimitUsedPercent share of VAPI's free-number limit in use (free VAPI numbers count against it)
 */
public record PoolStats(long total, long assigned, long available, Map<String, Long> byProvider,
                        double vapiFreeNumberLimitUsedPercent, boolean nearVapiFreeNumberLimit) {
}
