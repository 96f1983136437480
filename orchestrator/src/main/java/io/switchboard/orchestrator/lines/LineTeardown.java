package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;

/**
 * Taking an organization's line down, shared by "inbound AI off" and "cleanup":
 * <ol>
 *   <li>mark the AI config "deactivating": from now on the line no longer counts as active;</li>
 *   <li>delete the number's VAPI registration;</li>
 *   <li>give the number up: back to the pool or released at Twilio, by policy (a trial account's own number is
 *       only unlinked).</li>
 * </ol>
 */
final class LineTeardown {
    private LineTeardown() {
    }

    static SagaDefinition.Fragment<LineData> takeDownTheLine(LineSteps lines) {
        return saga -> saga
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
                        .onReply(NumberReleased.class, (data, reply) -> data.withoutNumber()));
    }

    private static StepDefinition<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
