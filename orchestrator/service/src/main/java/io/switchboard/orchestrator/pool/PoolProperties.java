package io.switchboard.orchestrator.pool;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.pool.*}
 *
 * @param releasePolicy          what happens to a number an organization gives up: {@code RELEASE} it at Twilio (stop
 *                               paying) or keep it in the {@code POOL} for the next organization (no wait, no re-buy)
 * @param idleReleaseAfter       pooled numbers unused for longer than this are released at Twilio
 * @param idleCheckInterval      how often idle numbers are looked for
 * @param idleReleaseBatch       idle numbers released per check at most
 * @param vapiFreeNumberLimit    VAPI's limit of free numbers per account (5 at the time of writing)
 * @param warnAtPercent          pool statistics flag the free-number limit as near from this share on
 * @param maxProvisionPerRequest numbers one {@code POST /api/v1/number-pool/provision} may buy at most (each is a
 *                               paid purchase and a saga; a typo should not buy thousands)
 */
@ConfigurationProperties(prefix = "switchboard.pool")
public record PoolProperties(
        @DefaultValue("RELEASE") ReleasePolicy releasePolicy,
        @DefaultValue("30d") Duration idleReleaseAfter,
        @DefaultValue("1h") Duration idleCheckInterval,
        @DefaultValue("100") int idleReleaseBatch,
        @DefaultValue("5") int vapiFreeNumberLimit,
        @DefaultValue("80") int warnAtPercent,
        @DefaultValue("100") int maxProvisionPerRequest) {

    public enum ReleasePolicy { RELEASE, POOL }
}
