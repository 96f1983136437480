package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Version 1 of the line sagas ({@link InboundAiOnSaga}, {@link InboundAiOffSaga}, {@link CleanupSaga}), kept
 * registered, unchanged, until no instance of them is left running. They do not move a number's owner tag at
 * Twilio: a pooled number keeps its pool tag, a trial account's number is only unlinked.
 */
final class LineSagaPreviousVersions {
    private LineSagaPreviousVersions() {
    }

    static SagaDefinition<LineData> inboundAiOnVersion1(LineSteps lines) {
        return SagaDefinition.saga(InboundAiOnSaga.TYPE, 1, LineData.class)
                .then(step("create-inbound-assistant")
                        .when(data -> data.inboundAssistantId() == null)
                        .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND))
                        .onReply(AssistantCreated.class, LineData::withInboundAssistant)
                        .compensateWith((data, step) -> data.inboundAssistantCreated()
                                ? Optional.of(deleteAssistant(step, data.inboundAssistantId())) : Optional.empty()))
                .then(step("take-pooled-number")
                        .when(data -> !data.hasNumber())
                        .invokeLocal(lines::takePooledNumber)
                        .compensateLocally(lines::returnTakenNumber))
                .then(step("acquire-number")
                        .when(data -> !data.hasNumber())
                        .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true,
                                data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, LineData::withAcquired)
                        .compensateWith((data, step) -> data.numberTakenHere() && LineData.PURCHASED.equals(data.numberSource())
                                ? Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                                : Optional.empty())
                        .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber()))
                .then(step("register-number")
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, LineData::withRegistration)
                        .compensateWith((data, step) -> Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(step("activate-ai-config")
                        .invokeLocal(lines::activateConfig))
                .build();
    }

    static SagaDefinition<LineData> inboundAiOffVersion1(LineSteps lines) {
        return SagaDefinition.saga(InboundAiOffSaga.TYPE, 1, LineData.class)
                .then(takeDownTheLineVersion1(lines))
                .then(StepDefinition.<LineData>step("deactivate-ai-config")
                        .invokeLocal(lines::deactivateConfig))
                .build();
    }

    static SagaDefinition<LineData> cleanupVersion1(LineSteps lines) {
        return SagaDefinition.saga(CleanupSaga.TYPE, 1, LineData.class)
                .then(takeDownTheLineVersion1(lines))
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

    private static SagaDefinition.Fragment<LineData> takeDownTheLineVersion1(LineSteps lines) {
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

    private static StepDefinition.Builder<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
