package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;

/**
 * Inbound AI switched off: the line goes, the assistants stay.
 * <ol>
 *   <li>mark the AI config "deactivating": from now on the line no longer counts as active;</li>
 *   <li>delete the number's VAPI registration;</li>
 *   <li>give the number up: back to the pool or released at Twilio, by policy (a trial account's own number is
 *       only unlinked);</li>
 *   <li>mark the AI config inactive, clear number, SID and VAPI id, setup no longer completed.</li>
 * </ol>
 * Nothing here can be undone (a deleted registration cannot be restored), so a step that keeps failing stops the
 * saga with the config still referencing the number (nothing is lost track of) and marked deactivating, so the next
 * "on" rebuilds the line and the next "off" finishes the job; ops can also replay.
 */
public final class InboundAiOffSaga {
    public static final String TYPE = "inbound-ai-off";

    private InboundAiOffSaga() {
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
                .then(step("deactivate-ai-config")
                        .invokeLocal(lines::deactivateConfig))
                .build();
    }

    private static StepDefinition<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
