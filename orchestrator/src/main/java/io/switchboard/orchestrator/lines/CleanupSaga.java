package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;

/**
 * Ops remove an organization's AI setup entirely ({@code DELETE /api/v1/organizations/{id}/ai-setup}); each step's
 * outcome is in the saga's history:
 * <ol>
 *   <li>take the line down ({@link LineTeardown}: mark deactivating, delete the VAPI registration, release the
 *       number or return it to the pool by policy);</li>
 *   <li>delete the inbound and the outbound assistant;</li>
 *   <li>delete the AI config.</li>
 * </ol>
 */
public final class CleanupSaga {
    public static final String TYPE = "cleanup";

    private CleanupSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines) {
        return SagaDefinition.saga(TYPE, 1, LineData.class)
                .then(LineTeardown.takeDownTheLine(lines))
                .inParallel(
                        step("delete-inbound-assistant")
                                .when(data -> data.inboundAssistantId() != null)
                                .invoke((data, step) -> deleteAssistant(step, data.inboundAssistantId()))
                                .onReply(AssistantDeleted.class, (data, reply) -> data),
                        step("delete-outbound-assistant")
                                .when(data -> data.outboundAssistantId() != null)
                                .invoke((data, step) -> deleteAssistant(step, data.outboundAssistantId()))
                                .onReply(AssistantDeleted.class, (data, reply) -> data))
                .then(step("delete-ai-config")
                        .invokeLocal(lines::deleteConfig))
                .build();
    }

    private static StepDefinition<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
