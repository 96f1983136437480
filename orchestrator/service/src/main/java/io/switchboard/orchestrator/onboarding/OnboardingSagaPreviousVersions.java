package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;
import java.util.function.Predicate;

import static io.switchboard.orchestrator.participants.NotifierParticipant.approvalEmail;
import static io.switchboard.orchestrator.participants.NotifierParticipant.failureEmail;
import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Earlier versions of {@link OnboardingSaga}, kept registered, unchanged, until no instance of them is left running
 * (instances continue on the version they started with). Neither moves a number's owner tag at Twilio: a pooled
 * number keeps its pool tag, a trial account's number is not claimed or handed back.
 * <ul>
 *   <li>v2: the provider choice and the free-number steps;</li>
 *   <li>v1: Twilio numbers only.</li>
 * </ul>
 */
final class OnboardingSagaPreviousVersions {
    private OnboardingSagaPreviousVersions() {
    }

    static SagaDefinition<OnboardingData> version2(LocalAction<OnboardingData> takePooledNumber,
                                                   LocalAction<OnboardingData> returnPooledNumber,
                                                   LocalAction<OnboardingData> saveAiConfig,
                                                   NumberProperties numbers) {
        return SagaDefinition.saga(OnboardingSaga.TYPE, 2, OnboardingData.class)
                .then(notifyOwnerOnFailure())
                .then(step("choose-number-provider")
                        .invokeLocal((data, step) -> data.withNumberProviderIfUnset(numbers.provider())))
                .then(numberAndAssistants(takePooledNumber, returnPooledNumber, data -> !data.usesFreeVapiNumber()))
                .then(registerNumber().when(data -> !data.usesFreeVapiNumber()))
                .then(step("create-free-vapi-number")
                        .when(OnboardingData::usesFreeVapiNumber)
                        .invoke(FreeVapiNumberCommands::create)
                        .onReply(FreePhoneNumberCreated.class, OnboardingData::withFreeNumber)
                        .compensateWith((data, step) -> Optional.ofNullable(data.vapiPhoneNumberId())
                                .map(id -> deletePhoneNumberRegistration(step, id)))
                        .onCompensated(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutFreeNumber()))
                .then(step("await-vapi-number")
                        .when(OnboardingData::usesFreeVapiNumber)
                        .invoke(FreeVapiNumberCommands::check)
                        .onReply(PhoneNumberActive.class, OnboardingData::withFreeNumberActive)
                        .policy(numbers.freeNumberPolling()))
                .then(saveAiConfig(saveAiConfig))
                .then(sendApprovalEmail())
                .build();
    }

    static SagaDefinition<OnboardingData> version1(LocalAction<OnboardingData> takePooledNumber,
                                                   LocalAction<OnboardingData> returnPooledNumber,
                                                   LocalAction<OnboardingData> saveAiConfig) {
        return SagaDefinition.saga(OnboardingSaga.TYPE, 1, OnboardingData.class)
                .then(notifyOwnerOnFailure())
                .then(numberAndAssistants(takePooledNumber, returnPooledNumber, data -> true))
                .then(registerNumber())
                .then(saveAiConfig(saveAiConfig))
                .then(sendApprovalEmail())
                .build();
    }

    private static StepDefinition.Builder<OnboardingData> notifyOwnerOnFailure() {
        return step("notify-owner-on-failure")
                .compensateWith((data, step) -> Optional.of(failureEmail(step, data.orgName(), data.ownerEmail())))
                .onCompensated(EmailSent.class, (data, reply) -> data);
    }

    /**
     * A pooled number, else a bought one, beside both assistants. The assistants are needed whatever the number
     * provider; the pool and Twilio only for Twilio numbers.
     */
    private static SagaDefinition.Fragment<OnboardingData> numberAndAssistants(LocalAction<OnboardingData> takePooledNumber,
                                                                              LocalAction<OnboardingData> returnPooledNumber,
                                                                              Predicate<OnboardingData> twilio) {
        return saga -> saga.then(step("take-pooled-number")
                        .when(twilio)
                        .invokeLocal(takePooledNumber)
                        .compensateLocally(returnPooledNumber))
                .inParallel(
                        step("acquire-number")
                                .when(data -> twilio.test(data) && data.numberSid() == null)
                                .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true,
                                        data.twilioCredentialId()))
                                .onReply(NumberAcquired.class, OnboardingData::withNumber)
                                .compensateWith((data, step) -> data.ownsNumber()
                                        ? Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                        data.twilioCredentialId()))
                                        : Optional.empty())
                                .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber()),
                        step("create-inbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withInboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.inboundAssistantId()))),
                        step("create-outbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.OUTBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withOutboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.outboundAssistantId()))));
    }

    private static StepDefinition.Builder<OnboardingData> registerNumber() {
        return step("register-number")
                .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                        data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                .onReply(PhoneNumberRegistered.class, OnboardingData::withRegistration)
                .compensateWith((data, step) ->
                        Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId())));
    }

    private static StepDefinition.Builder<OnboardingData> saveAiConfig(LocalAction<OnboardingData> saveAiConfig) {
        return step("save-ai-config").invokeLocal(saveAiConfig);
    }

    private static StepDefinition.Builder<OnboardingData> sendApprovalEmail() {
        return step("send-approval-email")
                .invoke((data, step) -> approvalEmail(step, data.orgName(), data.ownerEmail(),
                        data.phoneNumber(), data.inboundAssistantName(), data.outboundAssistantName(),
                        data.setupDate()))
                .onReply(EmailSent.class, (data, reply) -> data)
                .nonCritical();
    }

    private static StepDefinition.Builder<OnboardingData> step(String name) {
        return StepDefinition.step(name);
    }
}
