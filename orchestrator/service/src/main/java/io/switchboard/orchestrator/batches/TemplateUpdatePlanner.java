package io.switchboard.orchestrator.batches;

import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdateSaga;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdates;

/**
 * Decides an {@code update-assistants} item when its turn comes: an {@code assistant-template-update} saga with the
 * organization's effective template resolved now, or nothing — no line with assistants, no template applies, or both
 * assistants already run that version.
 */
public class TemplateUpdatePlanner implements SagaLauncher.AssistantUpdatePlanner {
    private final AssistantTemplateUpdates updates;

    public TemplateUpdatePlanner(AssistantTemplateUpdates updates) {
        this.updates = updates;
    }

    @Override
    public SagaLauncher.Decision plan(String orgId) {
        return updates.plan(orgId)
                .<SagaLauncher.Decision>map(plan -> plan.upToDate()
                        ? new SagaLauncher.Ignore("update-assistants: the assistants already run template "
                        + plan.target().name() + " v" + plan.target().version())
                        : new SagaLauncher.Start(AssistantTemplateUpdateSaga.TYPE, plan.data()))
                .orElseGet(() -> new SagaLauncher.Ignore("update-assistants: the organization has no line with "
                        + "assistants, or no template applies to it (no pin and no default template)"));
    }
}
