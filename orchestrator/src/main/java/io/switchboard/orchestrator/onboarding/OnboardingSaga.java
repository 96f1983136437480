package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.saga.definition.LocalAction;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.NotifierParticipant.approvalEmail;
import static io.switchboard.orchestrator.participants.NotifierParticipant.failureEmail;
import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Onboarding: the first approval of a verified organization gives it a working voice-AI line.
 * <ol>
 *   <li>From here on, if anything fails, the owner is emailed which step failed and why.</li>
 *   <li>Take a number from the pool if one matches.</li>
 *   <li>In parallel: buy a phone number if the pool had none (a trial account reuses its one number), create the
 *       inbound assistant, create the outbound assistant.</li>
 *   <li>Register the number with VAPI, bound to the inbound assistant.</li>
 *   <li>Save the AI config as active.</li>
 *   <li>Email the owner the good news. If that email fails the line still works, so nothing is undone.</li>
 * </ol>
 * Undoing releases only a number this saga bought, hands a pooled number back, and deletes only what this saga
 * created, newest first.
 */
public final class OnboardingSaga {
    public static final String TYPE = "onboarding";

    private OnboardingSaga() {
    }

    public static SagaDefinition<OnboardingData> definition(LocalAction<OnboardingData> takePooledNumber,
                                                            LocalAction<OnboardingData> returnPooledNumber,
                                                            LocalAction<OnboardingData> saveAiConfig) {
        return SagaDefinition.saga(TYPE, 1, OnboardingData.class)
                .then(step("notify-owner-on-failure")
                        .compensateWith((data, step) -> Optional.of(failureEmail(step, data.orgName(), data.ownerEmail())))
                        .onCompensated(EmailSent.class, (data, reply) -> data))
                .then(step("take-pooled-number")
                        .invokeLocal(takePooledNumber)
                        .compensateLocally(returnPooledNumber))
                .inParallel(
                        step("acquire-number")
                                .when(data -> data.numberSid() == null)
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
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.outboundAssistantId()))))
                .then(step("register-number")
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, OnboardingData::withRegistration)
                        .compensateWith((data, step) ->
                                Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(step("save-ai-config")
                        .invokeLocal(saveAiConfig))
                .then(step("send-approval-email")
                        .invoke((data, step) -> approvalEmail(step, data.orgName(), data.ownerEmail(),
                                data.phoneNumber(), data.inboundAssistantName(), data.outboundAssistantName(),
                                data.setupDate()))
                        .onReply(EmailSent.class, (data, reply) -> data)
                        .nonCritical())
                .build();
    }

    private static StepDefinition<OnboardingData> step(String name) {
        return StepDefinition.step(name);
    }
}
