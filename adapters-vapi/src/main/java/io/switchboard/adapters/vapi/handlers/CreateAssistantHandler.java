package io.switchboard.adapters.vapi.handlers;

import java.util.Optional;

import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/** Creates the organization's assistant for one role, or returns the one an earlier delivery or attempt created. */
public class CreateAssistantHandler implements CommandHandler<CreateAssistant> {
    private final VapiAssistants assistants;

    public CreateAssistantHandler(VapiAssistants assistants) {
        this.assistants = assistants;
    }

    @Override
    public Reply handle(CreateAssistant command, CommandContext context) {
        try {
            return created(assistants.findOrCreate(command, context.sagaId()));
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI assistant creation failed");
        }
    }

    /** The assistant an earlier delivery created (its answer lost with its worker), looked up, never created. */
    @Override
    public Optional<Reply> earlierEffect(CreateAssistant command, CommandContext context) {
        return assistants.earlierCreation(command).map(CreateAssistantHandler::created);
    }

    private static Reply created(VapiDtos.Assistant assistant) {
        // What the assistant at VAPI records, not what this command asked for: an adopted one may predate it.
        return AssistantSpec.templateOf(assistant)
                .map(t -> new AssistantCreated(assistant.id(), assistant.name(), t.name(), t.version()))
                .orElseGet(() -> new AssistantCreated(assistant.id(), assistant.name()));
    }
}
