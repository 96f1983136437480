package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;

/**
 * Ops remove an organization's AI setup entirely ({@code DELETE /api/v1/organizations/{id}/ai-setup}); each step's
 * outcome is in the saga's history:
 * <ol>
 *   <li>mark the AI config "deactivating";</li>
 *   <li>delete the VAPI number registration;</li>
 *   <li>release the number (a pooled number goes back to the pool with the POOL policy; a trial account's own
 *       number is only unlinked);</li>
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
                .then(step("mark-deactivating")
                        .invokeLocal(lines::markDeactivating))
                .then(step("delete-vapi-registration")
                        .when(data -> data.vapiPhoneNumberId() != null)
                        .invoke((data, step) -> deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))
                        .onReply(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutRegistration()))
                .then(step("return-number-to-pool")
                        .when(data -> data.hasNumber() && (lines.keepsNumbersInPool() || !data.platformOwnsNumber()))
                        .invokeLocal(lines::returnNumberToPool))
                .then(step("release-number")
                        .when(data -> data.hasNumber() && data.platformOwnsNumber() && !lines.keepsNumbersInPool())
                        .invoke((data, step) -> releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberReleased.class, (data, reply) -> data.withoutNumber()))
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
