package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.function.Predicate;

import static io.switchboard.orchestrator.participants.TwilioParticipant.handBackTrialNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.handToPool;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;

/**
 * Taking an organization's line down, shared by "inbound AI off" and "cleanup":
 * <ol>
 *   <li>mark the AI config "deactivating": from now on the line no longer counts as active;</li>
 *   <li>delete the number's VAPI registration;</li>
 *   <li>give the number up:
 *     <ul>
 *       <li>a trial account's own number goes back to the account: re-tagged unassigned at Twilio, so the next
 *           organization may claim it; never released, never pooled;</li>
 *       <li>a number the platform pays for, in the platform's account, goes back to the pool by policy —
 *           re-tagged for the pool at Twilio first, then made available, so nobody takes it while Twilio still
 *           says it is this organization's — or is released at Twilio;</li>
 *       <li>a number in the organization's own Twilio account is released, under either policy
 *           ({@link LineSteps#returnsToPool}).</li>
 *     </ul></li>
 * </ol>
 */
final class LineTeardown {
    private LineTeardown() {
    }

    /** The current versions (inbound-ai-off and cleanup v3). */
    static SagaDefinition.Fragment<LineData> takeDownTheLine(LineSteps lines) {
        return takeDownTheLine(lines, lines::returnsToPool);
    }

    /**
     * Versions 2, for instances that started on them: they pooled a number in an organization's own account too,
     * which the pool could never release.
     */
    static SagaDefinition.Fragment<LineData> takeDownTheLineVersion2(LineSteps lines) {
        return takeDownTheLine(lines, data -> data.platformOwnsNumber() && lines.keepsNumbersInPool());
    }

    private static SagaDefinition.Fragment<LineData> takeDownTheLine(LineSteps lines, Predicate<LineData> toPool) {
        return saga -> saga
                .then(step("mark-deactivating")
                        .invokeLocal(lines::markDeactivating))
                .then(step("delete-vapi-registration")
                        .when(data -> data.vapiPhoneNumberId() != null)
                        .invoke((data, step) -> deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))
                        .onReply(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutRegistration()))
                .then(step("hand-back-trial-number")
                        .when(LineData::trialNumber)
                        .invoke((data, step) -> handBackTrialNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, (data, reply) -> data.withoutNumber()))
                .then(step("hand-number-to-pool")
                        .when(toPool)
                        .invoke((data, step) -> handToPool(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, (data, reply) -> data))
                .then(step("return-number-to-pool")
                        .when(toPool)
                        .invokeLocal(lines::returnNumberToPool))
                .then(step("release-number")
                        .when(data -> data.platformOwnsNumber() && !toPool.test(data))
                        .invoke((data, step) -> releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberReleased.class, (data, reply) -> data.withoutNumber()));
    }

    private static StepDefinition.Builder<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
