package io.switchboard.orchestrator.tenant;

import java.util.List;

/**
 * One of an organization's VAPI assistants as its own token sees it.
 *
 * @param role      {@code inbound} or {@code outbound}
 * @param numberIds the organization's numbers bound to it
 */
public record TenantAssistant(String assistantId, String role, String name, List<String> numberIds) {
}
