package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.VapiParticipant.updateAssistant;

/**
 * Re-applies an organization's effective assistant template to its existing assistants (planned by
 * {@link AssistantTemplateUpdates#plan}):
 * <ol>
 *   <li>update the inbound assistant at VAPI (owner checked by the worker), then record on the line what it runs;</li>
 *   <li>the same for the outbound assistant.</li>
 * </ol>
 * One assistant after the other, each recorded right after its update, so the line's record is true whichever step
 * fails. Nothing to undo: an updated assistant is still the organization's assistant, and the record says what it runs.
 */
public final class AssistantTemplateUpdateSaga {
    public static final String TYPE = "assistant-template-update";
    public static final int VERSION = 1;

    private AssistantTemplateUpdateSaga() {
    }

    public static SagaDefinition<TemplateUpdateData> definition(TemplateUpdateSteps steps) {
        return SagaDefinition.saga(TYPE, VERSION, TemplateUpdateData.class)
                .then(step("update-inbound-assistant")
                        .when(TemplateUpdateData::updatesInbound)
                        .invoke((data, step) -> updateAssistant(step, data.inboundAssistantId(), AssistantRole.INBOUND,
                                data.inbound()))
                        .onReply(AssistantUpdated.class, TemplateUpdateData::withInboundUpdated))
                .then(step("record-inbound-template")
                        .when(TemplateUpdateData::updatesInbound)
                        .invokeLocal(steps::recordInbound))
                .then(step("update-outbound-assistant")
                        .when(TemplateUpdateData::updatesOutbound)
                        .invoke((data, step) -> updateAssistant(step, data.outboundAssistantId(), AssistantRole.OUTBOUND,
                                data.outbound()))
                        .onReply(AssistantUpdated.class, TemplateUpdateData::withOutboundUpdated))
                .then(step("record-outbound-template")
                        .when(TemplateUpdateData::updatesOutbound)
                        .invokeLocal(steps::recordOutbound))
                .build();
    }

    private static StepDefinition.Builder<TemplateUpdateData> step(String name) {
        return StepDefinition.step(name);
    }
}
