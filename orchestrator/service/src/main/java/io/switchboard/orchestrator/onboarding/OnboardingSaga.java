package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.orchestrator.participants.AssistantConfigs;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.NotifierParticipant.approvalEmail;
import static io.switchboard.orchestrator.participants.NotifierParticipant.failureEmail;
import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.claimOwnNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.handBackTrialNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.handToPool;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.takeFromPool;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Onboarding: the first approval of a verified organization gives it a working voice-AI line.
 * <ol>
 *   <li>From here on, if anything fails, the owner is emailed which step failed and why.</li>
 *   <li>Fix where the number comes from ({@code switchboard.numbers.provider}), so the saga keeps that choice.</li>
 *   <li>Twilio: take a number from the pool if one matches, and have Twilio's owner tag say it is the
 *       organization's now.</li>
 *   <li>In parallel: buy a phone number if the pool had none (a trial account's one number is claimed instead,
 *       unless another organization's line uses it), create the inbound assistant, create the outbound
 *       assistant.</li>
 *   <li>Twilio: register the number with VAPI, bound to the inbound assistant.</li>
 *   <li>Free VAPI number: create it bound to the inbound assistant, then look every poll interval until VAPI shows
 *       its digits, up to the wait limit. Each pause is a durable timer, so a thousand waiting sagas hold no
 *       thread; past the limit the saga is undone like any failed step.</li>
 *   <li>Save the AI config as active.</li>
 *   <li>Email the owner the good news. If that email fails the line still works, so nothing is undone.</li>
 * </ol>
 * Undoing releases only a number this saga bought, hands a pooled number back to the pool (re-tagged for it) and
 * a trial account's number back to the account (re-tagged unassigned), deletes a free VAPI number it got, and
 * deletes only what this saga created, newest first.
 * <p>
 * Version 5 keeps a line meant for a free VAPI number: at the free-number limit it takes a Twilio number instead,
 * and a number still activating at the wait limit leaves the line "activation pending" instead of undoing it.
 * Version 4 lets each approval or request choose where the number comes from ({@code numberSource}: pool first,
 * {@code force_twilio}, {@code own_number} — claim-own-number —, {@code vapi_free}, {@code none}); version 3 added
 * the owner tags (assign-pooled-number, the trial number handed back when undone); versions 1 to 3 stay registered
 * for instances that started before ({@link OnboardingSagaPreviousVersions}); so do version 4 and
 * the rest.
 */
public final class OnboardingSaga {
    public static final String TYPE = "onboarding";
    public static final int VERSION = 5;

    private OnboardingSaga() {
    }

    /** The current version, getting numbers from Twilio (the default setting). */
    public static SagaDefinition<OnboardingData> definition(LocalAction<OnboardingData> takePooledNumber,
                                                            LocalAction<OnboardingData> returnPooledNumber,
                                                            LocalAction<OnboardingData> saveAiConfig) {
        return definition(takePooledNumber, returnPooledNumber, saveAiConfig, NumberProperties.defaults());
    }

    /** The current version, with a free-number limit that only VAPI enforces (tests). */
    public static SagaDefinition<OnboardingData> definition(LocalAction<OnboardingData> takePooledNumber,
                                                            LocalAction<OnboardingData> returnPooledNumber,
                                                            LocalAction<OnboardingData> saveLine,
                                                            NumberProperties numbers) {
        return definition(takePooledNumber, returnPooledNumber, (data, step) -> data, saveLine, numbers);
    }

    /**
     * Version 5: a free VAPI number as the documents describe it. At the account's free-number limit — the
     * setting's count of free numbers in use ({@code checkFreeNumberLimit}), or VAPI's own refusal
     * ({@code FREE_NUMBER_LIMIT}) — the line takes a Twilio number instead of being undone, when there is a Twilio
     * account to take it from (the organization's, or the platform's: {@code switchboard.numbers.free-number-limit-
     * fallback}): fall-back-to-twilio, fallback-acquire-number, fallback-register-number. A free number still
     * activating at the wait limit keeps its place: await-vapi-number's last "not ready" does not undo the saga, the
     * line is saved {@code activation_pending} with no approval email yet, and a later poll
     * ({@code free-number-activation}) fills its digits in. Otherwise as version 4.
     *
     * @param checkFreeNumberLimit turns a free-number onboarding into a Twilio one when the account's free numbers
     *                             are all in use (only called when a Twilio account can take over)
     * @param saveLine             saves the config: active, activation pending, or (assistants only) inactive
     */
    public static SagaDefinition<OnboardingData> definition(LocalAction<OnboardingData> takePooledNumber,
                                                            LocalAction<OnboardingData> returnPooledNumber,
                                                            LocalAction<OnboardingData> checkFreeNumberLimit,
                                                            LocalAction<OnboardingData> saveLine,
                                                            NumberProperties numbers) {
        return definition(takePooledNumber, returnPooledNumber, checkFreeNumberLimit, saveLine, numbers,
                AssistantConfigs.NONE);
    }

    /**
     * Version 5 as the orchestrator runs it: the assistants are created from the organization's assistant template,
     * resolved when each create-assistant step builds its command ({@code assistants}); the template each assistant
     * runs comes back in its reply and is saved with the line. Steps and their order are version 5's: the template
     * travels in the command, not in new steps.
     */
    public static SagaDefinition<OnboardingData> definition(LocalAction<OnboardingData> takePooledNumber,
                                                            LocalAction<OnboardingData> returnPooledNumber,
                                                            LocalAction<OnboardingData> checkFreeNumberLimit,
                                                            LocalAction<OnboardingData> saveLine,
                                                            NumberProperties numbers,
                                                            AssistantConfigs assistants) {
        return SagaDefinition.saga(TYPE, VERSION, OnboardingData.class)
                .then(notifyOwnerOnFailure())
                .then(step("choose-number-provider")
                        .invokeLocal((data, step) -> data.withNumberProviderFor(numbers.provider())))
                .then(step("take-pooled-number")
                        .when(OnboardingData::triesPoolFirst)
                        .invokeLocal(takePooledNumber)
                        .compensateLocally(returnPooledNumber))
                .then(step(NumberPool.ASSIGN_STEP)
                        .when(OnboardingData::pooledNumber)
                        .invoke((data, step) -> takeFromPool(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, OnboardingData::withAssignedPoolNumber)
                        .compensateWith((data, step) -> data.pooledNumber()
                                ? Optional.of(handToPool(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                                : Optional.empty())
                        .onCompensated(NumberAssigned.class, (data, reply) -> data))
                .inParallel(
                        step("claim-own-number")
                                .when(OnboardingData::claimsOwnNumber)
                                .invoke((data, step) -> claimOwnNumber(step, data.ownNumber(), data.twilioCredentialId()))
                                .onReply(NumberAcquired.class, OnboardingData::withNumber),
                        acquireNumberStep("acquire-number").when(OnboardingData::buysNumber),
                        step("create-inbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND, assistants))
                                .onReply(AssistantCreated.class, OnboardingData::withInboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.inboundAssistantId()))),
                        step("create-outbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.OUTBOUND, assistants))
                                .onReply(AssistantCreated.class, OnboardingData::withOutboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.outboundAssistantId()))))
                .then(registerNumber().when(OnboardingData::wantsTwilioNumber))
                .then(step("check-free-number-limit")
                        .when(data -> data.usesFreeVapiNumber() && mayFallBackToTwilio(data, numbers))
                        .invokeLocal(checkFreeNumberLimit))
                .then(step("create-free-vapi-number")
                        .when(OnboardingData::usesFreeVapiNumber)
                        .invoke(FreeVapiNumberCommands::create)
                        .onReply(FreePhoneNumberCreated.class, OnboardingData::withFreeNumber)
                        .tolerating((data, errorCode) -> StepFailed.FREE_NUMBER_LIMIT.equals(errorCode)
                                && mayFallBackToTwilio(data, numbers))
                        .compensateWith((data, step) -> Optional.ofNullable(data.vapiPhoneNumberId())
                                .map(id -> deletePhoneNumberRegistration(step, id)))
                        .onCompensated(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutFreeNumber()))
                .then(step("fall-back-to-twilio")
                        .when(OnboardingData::freeNumberMissing)
                        .invokeLocal((data, step) -> data.withFreeNumberFallback(
                                "VAPI refused another free number (" + StepFailed.FREE_NUMBER_LIMIT + ")")))
                .then(acquireNumberStep("fallback-acquire-number").when(OnboardingData::fellBackToTwilio))
                .then(registerNumber("fallback-register-number").when(OnboardingData::fellBackToTwilio))
                .then(step("await-vapi-number")
                        .when(OnboardingData::usesFreeVapiNumber)
                        .invoke(FreeVapiNumberCommands::check)
                        .onReply(PhoneNumberActive.class, OnboardingData::withFreeNumberActive)
                        .tolerating((data, errorCode) -> StillActivating.is(errorCode))
                        .policy(numbers.freeNumberPolling()))
                .then(step("save-ai-config").invokeLocal(saveLine))
                .then(sendApprovalEmail().when(data -> !data.assistantsOnly() && !data.activationPending()))
                .build();
    }

    /** A Twilio account can take over from VAPI: the organization's own, or the platform's (a setting). */
    static boolean mayFallBackToTwilio(OnboardingData data, NumberProperties numbers) {
        return (data.twilioCredentialId() != null && !data.twilioCredentialId().isBlank())
                || numbers.freeNumberLimitFallback();
    }

    /**
     * Version 4: the approval's or request's {@code numberSource} decides where the number comes from — pool first
     * (default), {@code force_twilio} (skip the pool), {@code own_number} (the organization's own number, claimed in
     * its own account: never released, pooled or re-tagged away, so undoing leaves it as it is), {@code vapi_free},
     * or {@code none} (the assistants only: the line is saved inactive, no approval email; it gets its number with
     * the next {@code InboundAiChanged(true)}).
     *
     * @param saveLine saves the config: active with the number, or (assistants only) inactive without one
     */
    public static SagaDefinition<OnboardingData> version4(LocalAction<OnboardingData> takePooledNumber,
                                                          LocalAction<OnboardingData> returnPooledNumber,
                                                          LocalAction<OnboardingData> saveLine,
                                                          NumberProperties numbers) {
        return SagaDefinition.saga(TYPE, 4, OnboardingData.class)
                .then(notifyOwnerOnFailure())
                .then(step("choose-number-provider")
                        .invokeLocal((data, step) -> data.withNumberProviderFor(numbers.provider())))
                .then(step("take-pooled-number")
                        .when(OnboardingData::triesPoolFirst)
                        .invokeLocal(takePooledNumber)
                        .compensateLocally(returnPooledNumber))
                .then(step(NumberPool.ASSIGN_STEP)
                        .when(OnboardingData::pooledNumber)
                        .invoke((data, step) -> takeFromPool(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, OnboardingData::withAssignedPoolNumber)
                        .compensateWith((data, step) -> data.pooledNumber()
                                ? Optional.of(handToPool(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                                : Optional.empty())
                        .onCompensated(NumberAssigned.class, (data, reply) -> data))
                .inParallel(
                        step("claim-own-number")
                                .when(OnboardingData::claimsOwnNumber)
                                .invoke((data, step) -> claimOwnNumber(step, data.ownNumber(), data.twilioCredentialId()))
                                .onReply(NumberAcquired.class, OnboardingData::withNumber),
                        step("acquire-number")
                                .when(OnboardingData::buysNumber)
                                .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true,
                                        data.twilioCredentialId()))
                                .onReply(NumberAcquired.class, OnboardingData::withNumber)
                                .compensateWith(OnboardingSaga::giveUpAcquiredNumber)
                                .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber())
                                .onCompensated(NumberAssigned.class, (data, reply) -> data.withoutNumber()),
                        step("create-inbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withInboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.inboundAssistantId()))),
                        step("create-outbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.OUTBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withOutboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.outboundAssistantId()))))
                .then(registerNumber().when(OnboardingData::wantsTwilioNumber))
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
                .then(step("save-ai-config").invokeLocal(saveLine))
                .then(sendApprovalEmail().when(data -> !data.assistantsOnly()))
                .build();
    }

    /** Version 3 (owner tags; the global provider setting decides the number's source), for its instances. */
    public static SagaDefinition<OnboardingData> version3(LocalAction<OnboardingData> takePooledNumber,
                                                          LocalAction<OnboardingData> returnPooledNumber,
                                                          LocalAction<OnboardingData> saveAiConfig,
                                                          NumberProperties numbers) {
        return SagaDefinition.saga(TYPE, 3, OnboardingData.class)
                .then(notifyOwnerOnFailure())
                .then(step("choose-number-provider")
                        .invokeLocal((data, step) -> data.withNumberProviderIfUnset(numbers.provider())))
                .then(step("take-pooled-number")
                        .when(OnboardingData::usesTwilio)
                        .invokeLocal(takePooledNumber)
                        .compensateLocally(returnPooledNumber))
                .then(step(NumberPool.ASSIGN_STEP)
                        .when(OnboardingData::pooledNumber)
                        .invoke((data, step) -> takeFromPool(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberAssigned.class, OnboardingData::withAssignedPoolNumber)
                        .compensateWith((data, step) -> data.pooledNumber()
                                ? Optional.of(handToPool(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                                : Optional.empty())
                        .onCompensated(NumberAssigned.class, (data, reply) -> data))
                .inParallel(
                        step("acquire-number")
                                .when(data -> data.usesTwilio() && data.numberSid() == null)
                                .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true,
                                        data.twilioCredentialId()))
                                .onReply(NumberAcquired.class, OnboardingData::withNumber)
                                .compensateWith(OnboardingSaga::giveUpAcquiredNumber)
                                .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber())
                                .onCompensated(NumberAssigned.class, (data, reply) -> data.withoutNumber()),
                        step("create-inbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withInboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.inboundAssistantId()))),
                        step("create-outbound-assistant")
                                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.OUTBOUND))
                                .onReply(AssistantCreated.class, OnboardingData::withOutboundAssistant)
                                .compensateWith((data, step) -> Optional.of(deleteAssistant(step, data.outboundAssistantId()))))
                .then(registerNumber().when(OnboardingData::usesTwilio))
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
                .then(step("save-ai-config").invokeLocal(saveAiConfig))
                .then(sendApprovalEmail())
                .build();
    }

    /** Versions 1 and 2, for instances that started on them. */
    public static SagaDefinition<OnboardingData> version2(LocalAction<OnboardingData> takePooledNumber,
                                                          LocalAction<OnboardingData> returnPooledNumber,
                                                          LocalAction<OnboardingData> saveAiConfig,
                                                          NumberProperties numbers) {
        return OnboardingSagaPreviousVersions.version2(takePooledNumber, returnPooledNumber, saveAiConfig, numbers);
    }

    public static SagaDefinition<OnboardingData> version1(LocalAction<OnboardingData> takePooledNumber,
                                                          LocalAction<OnboardingData> returnPooledNumber,
                                                          LocalAction<OnboardingData> saveAiConfig) {
        return OnboardingSagaPreviousVersions.version1(takePooledNumber, returnPooledNumber, saveAiConfig);
    }

    /** A bought number is released; a trial account's own number is handed back to the account, never released. */
    private static Optional<CommandRequest> giveUpAcquiredNumber(OnboardingData data, StepContext step) {
        if (data.ownsNumber()) {
            return Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()));
        }
        if (data.trialNumber()) {
            return Optional.of(handBackTrialNumber(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()));
        }
        return Optional.empty();
    }

    private static StepDefinition.Builder<OnboardingData> notifyOwnerOnFailure() {
        return step("notify-owner-on-failure")
                .compensateWith((data, step) -> Optional.of(failureEmail(step, data.orgName(), data.ownerEmail())))
                .onCompensated(EmailSent.class, (data, reply) -> data);
    }

    private static StepDefinition.Builder<OnboardingData> acquireNumberStep(String name) {
        return step(name)
                .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true,
                        data.twilioCredentialId()))
                .onReply(NumberAcquired.class, OnboardingData::withNumber)
                .compensateWith(OnboardingSaga::giveUpAcquiredNumber)
                .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber())
                .onCompensated(NumberAssigned.class, (data, reply) -> data.withoutNumber());
    }

    private static StepDefinition.Builder<OnboardingData> registerNumber() {
        return registerNumber("register-number");
    }

    private static StepDefinition.Builder<OnboardingData> registerNumber(String name) {
        return step(name)
                .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                        data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                .onReply(PhoneNumberRegistered.class, OnboardingData::withRegistration)
                .compensateWith((data, step) ->
                        Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId())));
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
