package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.TwilioParticipant.handToPool;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;

/**
 * An organization gives up one of its additional numbers ({@code DELETE …/numbers/{id}}), and every one of them goes
 * before its line is switched off or cleaned up (the queue runs this saga first, once per number). As a line's
 * teardown ({@link LineTeardown}) does for the line's own number:
 * <ol>
 *   <li>mark it removing (the tenant API shows it; a removal that failed stays visible);</li>
 *   <li>delete its VAPI registration;</li>
 *   <li>give the number up: a number the platform pays for, in the platform's account, goes back to the pool by
 *       policy (re-tagged for the pool first, then made available in the transaction that forgets it here) or is
 *       released at Twilio; a number in the organization's own account bought here is released; the organization's
 *       own number stays where it is;</li>
 *   <li>forget it.</li>
 * </ol>
 * Nothing is undone: like a teardown it only moves forward (a failed step parks the saga for ops to replay).
 */
public final class RemoveNumberSaga {
    public static final String TYPE = "remove-number";
    public static final int VERSION = 1;

    private RemoveNumberSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines, LineNumberSteps numbers) {
        return SagaDefinition.saga(TYPE, VERSION, LineData.class)
                .then(step("mark-removing")
                        .invokeLocal(numbers::markRemoving))
                .then(step("delete-vapi-registration")
                        .when(data -> data.vapiPhoneNumberId() != null)
                        .invoke((data, step) -> deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))
                        .onReply(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutRegistration()))
                .then(step("hand-number-to-pool")
                        .when(lines::returnsToPool)
                        .invoke((data, step) -> handToPool(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, (data, reply) -> data))
                .then(step("return-number-to-pool")
                        .when(lines::returnsToPool)
                        .invokeLocal(numbers::returnToPool))
                .then(step("release-number")
                        .when(data -> data.platformOwnsNumber() && !lines.returnsToPool(data))
                        .invoke((data, step) -> releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberReleased.class, (data, reply) -> data))
                .then(step("forget-line-number")
                        .invokeLocal(numbers::deleteLineNumber))
                .build();
    }

    private static StepDefinition.Builder<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
