package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;

import java.util.Optional;

/**
 * What an organization's new assistant says and runs, resolved when the step that creates it builds its command (so
 * a saga's data and steps do not change with templates, and a retried step resolves again). Empty: the command
 * carries no configuration and the VAPI worker uses its configured defaults.
 */
@FunctionalInterface
public interface AssistantConfigs {
    /** No templates (the saga test kit, and the frozen saga versions): the worker's defaults. */
    AssistantConfigs NONE = (orgId, orgName, role) -> Optional.empty();

    Optional<AssistantConfig> resolve(String orgId, String orgName, AssistantRole role);
}
