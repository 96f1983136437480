package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.claimOwnNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * An organization adds a number to its active line ({@code POST …/numbers}), bound to one of its assistants; queued
 * like every request of the organization. The data is a {@link LineData} whose inbound assistant is the assistant
 * the new number rings and whose number is the new one:
 * <ol>
 *   <li>get the number as a line does — the organization's own number claimed in its own account
 *       ({@code own_number}), else from the pool first (re-tagged for the organization at Twilio), else bought
 *       ({@code force_twilio} skips the pool) — never a trial account's one number, which the line has already;</li>
 *   <li>check no line has it yet (before VAPI hears of it: undoing a registration adopted from another line would
 *       take that line down);</li>
 *   <li>register it with VAPI, bound to the chosen assistant;</li>
 *   <li>save it as one of the organization's numbers ({@code line_number}).</li>
 * </ol>
 * Undoing deletes the registration, puts a pooled number back in the pool, releases a number bought here and leaves
 * the organization's own number where it is.
 */
public final class AddNumberSaga {
    public static final String TYPE = "add-number";
    public static final int VERSION = 1;

    private AddNumberSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines, LineNumberSteps numbers) {
        return SagaDefinition.saga(TYPE, VERSION, LineData.class)
                .then(StepDefinition.<LineData>step("claim-own-number")
                        .when(LineData::claimsOwnNumber)
                        .invoke((data, step) -> claimOwnNumber(step, data.ownNumber(), data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, LineData::withAcquired))
                .then(StepDefinition.<LineData>step("take-pooled-number")
                        .when(LineData::triesPoolFirst)
                        .invokeLocal(lines::takePooledNumber)
                        .compensateLocally(lines::returnTakenNumber))
                .then(InboundAiOnSaga.assignPooledNumber())
                .then(StepDefinition.<LineData>step("acquire-number")
                        .when(data -> !data.hasNumber() && !data.claimsOwnNumber())
                        // Never a trial account's one number: it is the line's already, and undoing a claim of it
                        // would hand the line's number back to the account. A trial account refuses the purchase.
                        .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), false,
                                data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, LineData::withAcquired)
                        .compensateWith((data, step) -> data.numberTakenHere() && LineData.PURCHASED.equals(data.numberSource())
                                ? Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                                : Optional.empty())
                        .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber()))
                .then(StepDefinition.<LineData>step("check-number-unused")
                        .invokeLocal(numbers::checkNumberUnused))
                .then(StepDefinition.<LineData>step("register-number")
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, LineData::withRegistration)
                        .compensateWith((data, step) -> data.vapiPhoneNumberId() == null ? Optional.empty()
                                : Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(StepDefinition.<LineData>step("save-line-number")
                        .invokeLocal(numbers::saveLineNumber))
                .build();
    }
}
