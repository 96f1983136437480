package io.switchboard.orchestrator.pool;

import java.util.Map;

/**
 * {@code GET /api/v1/number-pool/stats}: what the pool holds, no more — a number an organization took is its line's
 * and not counted here.
 *
 * @param total                          numbers the pool holds: {@code available + releasing}
 * @param available                      in stock, ready for the next organization
 * @param releasing                      idle too long, being released at Twilio
 * @param byProvider                     the numbers held, by provider
 * @param vapiFreeNumberLimitUsedPercent share of VAPI's free-number limit in use (free VAPI numbers count against it)
 */
public record PoolStats(long total, long available, long releasing, Map<String, Long> byProvider,
                        double vapiFreeNumberLimitUsedPercent, boolean nearVapiFreeNumberLimit) {
}
