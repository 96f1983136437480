package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Deletes an assistant of the command's organization; one VAPI no longer knows counts as deleted, one of another
 * organization (or not created by Switchboard) is left alone and the step fails {@code OWNED_BY_ANOTHER_ORGANIZATION}.
 */
public class DeleteAssistantHandler implements CommandHandler<DeleteAssistant> {
    private final VapiAssistants assistants;

    public DeleteAssistantHandler(VapiAssistants assistants) {
        this.assistants = assistants;
    }

    @Override
    public Reply handle(DeleteAssistant command, CommandContext context) {
        if (command.assistantId() == null || command.assistantId().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "assistantId is required", false, FailureReplies.PROVIDER, null);
        }
        try {
            boolean deleted = assistants.delete(command.orgId(), command.assistantId());
            return new AssistantDeleted(command.assistantId(), !deleted);
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI assistant deletion failed");
        }
    }
}
