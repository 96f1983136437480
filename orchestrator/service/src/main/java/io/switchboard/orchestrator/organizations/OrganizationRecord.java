package io.switchboard.orchestrator.organizations;

import java.time.Instant;

/**
 * An organization as upstream services last described it ({@code organization} table).
 *
 * @param companyName the organization's name ({@code orgName} of its events)
 * @param status      its verification status from the latest {@code OrganizationApproved} ({@code verified},
 *                    {@code pending}, {@code rejected}), or {@code null} when only toggles were seen
 * @param inboundAi   the latest {@code InboundAiChanged}, or {@code null} when none was seen
 */
public record OrganizationRecord(
        String orgId,
        String companyName,
        String ownerEmail,
        String status,
        Boolean inboundAi,
        String country,
        String areaCode,
        String twilioCredentialId,
        Instant updatedAt) {
}
