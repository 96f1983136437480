package io.switchboard.orchestrator.templates;

/**
 * {@code PUT /api/v1/organizations/{orgId}/assistant-template}.
 *
 * @param templateVersion optional: that version always; without it the template's latest version when an assistant
 *                        is created
 * @param pinnedBy        optional: who pinned it, else {@code ops}
 */
public record PinTemplateRequest(String templateName, Integer templateVersion, String pinnedBy) {
}
