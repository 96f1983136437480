package io.switchboard.orchestrator.batches;

import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdateSaga;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdates;

import java.util.Optional;

/**
 * Decides an {@code update-assistants} item (a line with assistants) when its turn comes: an
 * {@code assistant-template-update} saga to the template resolved now — the one the request names (a batch's
 * {@code options.templateName}), else the organization's effective one — or nothing: no template applies, or both
 * assistants already run that version. The saga's action says what changes ({@code update inbound v1→v2, …}).
 */
public class TemplateUpdatePlanner implements SagaLauncher.AssistantUpdatePlanner {
    private final AssistantTemplateUpdates updates;

    public TemplateUpdatePlanner(AssistantTemplateUpdates updates) {
        this.updates = updates;
    }

    @Override
    public SagaLauncher.Decision plan(OpsRequest.UpdateAssistants update) {
        Optional<AssistantTemplateUpdates.Plan> plan = update.templateName() == null
                ? updates.plan(update.orgId())
                : updates.plan(update.orgId(), update.templateName(), update.templateVersion());
        if (plan.isEmpty()) {
            return new SagaLauncher.Ignore(update.templateName() == null
                    ? "update-assistants: no assistant template applies to the organization (no pin, and no default "
                    + "template stored); the assistants keep what they run"
                    : "update-assistants: there is no assistant template " + update.templateName()
                    + (update.templateVersion() == null ? "" : " version " + update.templateVersion()));
        }
        AssistantTemplateUpdates.Plan p = plan.get();
        if (p.upToDate()) {
            return new SagaLauncher.Ignore("update-assistants: already up to date: the assistants already run "
                    + "template " + p.target().name() + " v" + p.target().version() + ", the target version");
        }
        return new SagaLauncher.Start(AssistantTemplateUpdateSaga.TYPE, p.data(), p.change());
    }
}
