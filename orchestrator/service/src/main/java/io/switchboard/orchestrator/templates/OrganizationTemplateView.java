package io.switchboard.orchestrator.templates;

import java.time.Instant;

/**
 * {@code GET|PUT /api/v1/organizations/{orgId}/assistant-template}: the template the organization's next assistant
 * gets, and why.
 *
 * @param pinned           whether the organization is pinned to a template (else it gets the default)
 * @param templateName     the template it gets ({@code null}: no template exists, the VAPI worker's defaults apply)
 * @param pinnedVersion    the version it is pinned to; {@code null}: it follows the template's latest version
 * @param effectiveVersion the version its next assistant gets
 * @param source           {@code PINNED_VERSION}, {@code PINNED_LATEST}, {@code DEFAULT}; {@code null} without a template
 */
public record OrganizationTemplateView(
        String orgId,
        boolean pinned,
        String templateName,
        Integer pinnedVersion,
        Integer effectiveVersion,
        AssistantTemplates.Source source,
        Instant pinnedAt,
        String pinnedBy) {
}
