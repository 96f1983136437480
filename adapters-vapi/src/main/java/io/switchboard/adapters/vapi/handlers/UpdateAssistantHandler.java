package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Makes an assistant of the command's organization run a new configuration (a template version); one of another
 * organization (or not created by Switchboard) is left alone and the step fails {@code OWNED_BY_ANOTHER_ORGANIZATION}.
 */
public class UpdateAssistantHandler implements CommandHandler<UpdateAssistant> {
    private final VapiAssistants assistants;

    public UpdateAssistantHandler(VapiAssistants assistants) {
        this.assistants = assistants;
    }

    @Override
    public Reply handle(UpdateAssistant command, CommandContext context) {
        if (command.assistantId() == null || command.assistantId().isBlank() || command.assistant() == null) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "assistantId and assistant are required", false,
                    FailureReplies.PROVIDER, null);
        }
        try {
            VapiDtos.Assistant updated = assistants.update(command);
            return AssistantSpec.templateOf(updated)
                    .map(t -> new AssistantUpdated(updated.id(), t.name(), t.version()))
                    .orElseGet(() -> new AssistantUpdated(updated.id(), null, null));
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI assistant update failed");
        }
    }
}
