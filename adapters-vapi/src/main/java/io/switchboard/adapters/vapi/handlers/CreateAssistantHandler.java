package io.switchboard.adapters.vapi.handlers;

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
            VapiDtos.Assistant assistant = assistants.findOrCreate(command, context.sagaId());
            // What the assistant at VAPI records, not what this command asked for: an adopted one may predate it.
            return AssistantSpec.templateOf(assistant)
                    .map(t -> new AssistantCreated(assistant.id(), assistant.name(), t.name(), t.version()))
                    .orElseGet(() -> new AssistantCreated(assistant.id(), assistant.name()));
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI assistant creation failed");
        }
    }
}
