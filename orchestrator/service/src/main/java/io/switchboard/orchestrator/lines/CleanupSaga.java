package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;

/**
 * Ops remove an organization's AI setup entirely ({@code DELETE /api/v1/organizations/{id}/ai-setup}); each step's
 * outcome is in the saga's history:
 * <ol>
 *   <li>take the line down ({@link LineTeardown}: mark deactivating, delete the VAPI registration, hand a trial
 *       account's number back to the account, release any other number or return it to the pool by policy);</li>
 *   <li>delete the inbound and the outbound assistant;</li>
 *   <li>delete the AI config.</li>
 * </ol>
 * Version 3 releases a number in the organization's own Twilio account instead of pooling it; version 2 added the
 * owner tags (in {@link LineTeardown}). Both earlier versions stay registered.
 */
public final class CleanupSaga {
    public static final String TYPE = "cleanup";
    public static final int VERSION = 3;

    private CleanupSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines) {
        return definition(VERSION, LineTeardown.takeDownTheLine(lines), lines);
    }

    /** Versions 2 and 1, for instances that started on them. */
    public static SagaDefinition<LineData> version2(LineSteps lines) {
        return definition(2, LineTeardown.takeDownTheLineVersion2(lines), lines);
    }

    private static SagaDefinition<LineData> definition(int version, SagaDefinition.Fragment<LineData> takeDown,
                                                       LineSteps lines) {
        return SagaDefinition.saga(TYPE, version, LineData.class)
                .then(takeDown)
                .inParallel(
                        step("delete-inbound-assistant")
                                .when(data -> data.inboundAssistantId() != null)
                                .invoke((data, step) -> deleteAssistant(step, data.inboundAssistantId()))
                                .onReply(AssistantDeleted.class, (data, reply) -> data.withoutInboundAssistant()),
                        step("delete-outbound-assistant")
                                .when(data -> data.outboundAssistantId() != null)
                                .invoke((data, step) -> deleteAssistant(step, data.outboundAssistantId()))
                                .onReply(AssistantDeleted.class, (data, reply) -> data.withoutOutboundAssistant()))
                .then(step("delete-ai-config")
                        .invokeLocal(lines::deleteConfig))
                .build();
    }

    public static SagaDefinition<LineData> version1(LineSteps lines) {
        return LineSagaPreviousVersions.cleanupVersion1(lines);
    }

    private static StepDefinition.Builder<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
