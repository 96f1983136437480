package io.switchboard.orchestrator.templates;

import java.time.Instant;

/**
 * An organization pinned to a template instead of the default.
 *
 * @param templateVersion the pinned version; {@code null}: the template's latest version when an assistant is created
 */
public record TemplatePin(String orgId, String templateName, Integer templateVersion, Instant pinnedAt, String pinnedBy) {
}
