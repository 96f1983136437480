package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.StillActivating;
import io.switchboard.orchestrator.participants.AssistantConfigs;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.claimOwnNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.handBackTrialNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.handToPool;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.takeFromPool;
import static io.switchboard.orchestrator.participants.VapiParticipant.checkPhoneNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.createFreePhoneNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Inbound AI switched on for an organization that has an AI config:
 * <ol>
 *   <li>reuse its assistants — create the inbound one only if it has none (never duplicates);</li>
 *   <li>get a number if it has none: from the pool first (re-tagged for the organization at Twilio), else buy one
 *       (a trial account's one number is claimed instead, unless another organization's line uses it);</li>
 *   <li>register the number with VAPI, bound to the inbound assistant (always: the worker adopts and re-binds an
 *       existing registration, which also repairs a line an interrupted "off" left half taken down);</li>
 *   <li>mark the AI config active.</li>
 * </ol>
 * Undoing hands a pooled number back to the pool and a trial account's number back to the account (both
 * re-tagged), releases only a number bought here, deletes only an assistant created here.
 * <p>
 * Version 4 keeps a line meant for a free VAPI number on one (see {@link #definition}); version 3 lets the request
 * choose where a missing number comes from (claim-own-number; {@code force_twilio} skips the pool); version 2 added
 * the owner tags; the earlier versions stay registered for instances that started on them.
 */
public final class InboundAiOnSaga {
    public static final String TYPE = "inbound-ai-on";
    public static final int VERSION = 4;

    private InboundAiOnSaga() {
    }

    /**
     * Version 4: a line meant for a free VAPI number ({@code vapi_free} asked or remembered, or the setting) gets a
     * free number again: created bound to the inbound assistant, then looked at until VAPI shows its digits (still
     * activating at the wait limit: the line is saved "activation pending" and the periodic check fills the digits
     * in). At VAPI's free-number limit, when a Twilio account can take over, it takes a Twilio number as version 3
     * does (pool first, then a purchase); without one, the saga is undone. Otherwise as version 3.
     * <p>
     * "Off" deletes a free number (VAPI's document gives no way to unbind one: {@code assistantId} is a string, not
     * nullable), so "on" creates a new one: the line stays on a free number, under new digits.
     */
    public static SagaDefinition<LineData> definition(LineSteps lines, NumberProperties numbers) {
        return definition(lines, numbers, AssistantConfigs.NONE);
    }

    /**
     * Version 4 as the orchestrator runs it: a missing inbound assistant is created from the organization's assistant
     * template (resolved when the step builds its command).
     */
    public static SagaDefinition<LineData> definition(LineSteps lines, NumberProperties numbers,
                                                      AssistantConfigs assistants) {
        return SagaDefinition.saga(TYPE, VERSION, LineData.class)
                .then(createInboundAssistant(assistants))
                .then(step("create-free-vapi-number")
                        .when(data -> needsNumber(data) && data.wantsFreeVapiNumber(numbers.provider()))
                        .invoke((data, step) -> createFreePhoneNumber(step, data.areaCode(), data.inboundAssistantId(),
                                data.orgName()))
                        .onReply(FreePhoneNumberCreated.class, LineData::withFreeNumber)
                        .tolerating((data, errorCode) -> StepFailed.FREE_NUMBER_LIMIT.equals(errorCode)
                                && (!data.inPlatformAccount() || numbers.freeNumberLimitFallback()))
                        .compensateWith((data, step) -> data.hasFreeNumber() && data.numberTakenHere()
                                ? Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))
                                : Optional.empty())
                        .onCompensated(PhoneNumberRegistrationDeleted.class, (data, reply) -> data.withoutFreeNumber()))
                .then(step("claim-own-number")
                        .when(data -> needsNumber(data) && data.claimsOwnNumber())
                        .invoke((data, step) -> claimOwnNumber(step, data.ownNumber(), data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, LineData::withAcquired))
                .then(step("take-pooled-number")
                        .when(data -> needsNumber(data) && data.triesPoolFirst())
                        .invokeLocal(lines::takePooledNumber)
                        .compensateLocally(lines::returnTakenNumber))
                .then(assignPooledNumber())
                .then(acquireNumberStep().when(data -> needsNumber(data) && !data.claimsOwnNumber()))
                .then(step("register-number")
                        .when(data -> !data.hasFreeNumber())
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, LineData::withRegistration)
                        .compensateWith((data, step) -> Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(step("await-vapi-number")
                        .when(LineData::freeNumberPending)
                        .invoke((data, step) -> checkPhoneNumber(step, data.vapiPhoneNumberId()))
                        .onReply(PhoneNumberActive.class, LineData::withFreeNumberActive)
                        .tolerating((data, errorCode) -> StillActivating.is(errorCode))
                        .policy(numbers.freeNumberPolling()))
                .then(step("activate-ai-config")
                        .invokeLocal(lines::activateConfig))
                .build();
    }

    /** Neither a Twilio number nor a free VAPI number serves the line yet. */
    private static boolean needsNumber(LineData data) {
        return !data.hasNumber() && !data.hasFreeNumber();
    }

    /**
     * Version 3: the request's (or the line's remembered) {@code numberSource} decides where a missing number comes
     * from: the pool first (default), a fresh purchase ({@code force_twilio}), or the organization's own number
     * ({@code own_number}: claimed in its own account, never released, so undoing leaves it as it is).
     */
    public static SagaDefinition<LineData> version3(LineSteps lines, AssistantConfigs assistants) {
        return SagaDefinition.saga(TYPE, 3, LineData.class)
                .then(createInboundAssistant(assistants))
                .then(step("claim-own-number")
                        .when(data -> !data.hasNumber() && data.claimsOwnNumber())
                        .invoke((data, step) -> claimOwnNumber(step, data.ownNumber(), data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, LineData::withAcquired))
                .then(step("take-pooled-number")
                        .when(data -> !data.hasNumber() && data.triesPoolFirst())
                        .invokeLocal(lines::takePooledNumber)
                        .compensateLocally(lines::returnTakenNumber))
                .then(assignPooledNumber())
                .then(acquireNumberStep().when(data -> !data.hasNumber() && !data.claimsOwnNumber()))
                .then(step("register-number")
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, LineData::withRegistration)
                        .compensateWith((data, step) -> Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(step("activate-ai-config")
                        .invokeLocal(lines::activateConfig))
                .build();
    }

    /** Version 2 (owner tags; always pool first), for instances that started on it. */
    public static SagaDefinition<LineData> version2(LineSteps lines) {
        return SagaDefinition.saga(TYPE, 2, LineData.class)
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
                .then(assignPooledNumber())
                .then(acquireNumberStep().when(data -> !data.hasNumber()))
                .then(step("register-number")
                        .invoke((data, step) -> registerPhoneNumber(step, data.phoneNumber(), data.numberSid(),
                                data.inboundAssistantId(), data.orgName(), data.twilioCredentialId()))
                        .onReply(PhoneNumberRegistered.class, LineData::withRegistration)
                        .compensateWith((data, step) -> Optional.of(deletePhoneNumberRegistration(step, data.vapiPhoneNumberId()))))
                .then(step("activate-ai-config")
                        .invokeLocal(lines::activateConfig))
                .build();
    }

    /** Version 1, for instances that started on it. */
    public static SagaDefinition<LineData> version1(LineSteps lines) {
        return LineSagaPreviousVersions.inboundAiOnVersion1(lines);
    }

    /** The inbound assistant, created only when the line has none, from the organization's template. */
    private static StepDefinition.Builder<LineData> createInboundAssistant(AssistantConfigs assistants) {
        return step("create-inbound-assistant")
                .when(data -> data.inboundAssistantId() == null)
                .invoke((data, step) -> createAssistant(step, data.orgName(), AssistantRole.INBOUND, assistants))
                .onReply(AssistantCreated.class, LineData::withInboundAssistant)
                .compensateWith((data, step) -> data.inboundAssistantCreated()
                        ? Optional.of(deleteAssistant(step, data.inboundAssistantId())) : Optional.empty());
    }

    /** The re-tag (pool → organization) of a number taken from the pool here; undone by re-tagging it back. */
    static StepDefinition.Builder<LineData> assignPooledNumber() {
        return step(NumberPool.ASSIGN_STEP)
                .when(LineData::pooledHere)
                .invoke((data, step) -> takeFromPool(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                .onReply(NumberAssigned.class, LineData::withAssignedPoolNumber)
                .compensateWith((data, step) -> data.pooledHere()
                        ? Optional.of(handToPool(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()))
                        : Optional.empty())
                .onCompensated(NumberAssigned.class, (data, reply) -> data);
    }

    /** A number bought (or a trial account's own number claimed); its saga says when. */
    private static StepDefinition.Builder<LineData> acquireNumberStep() {
        return step("acquire-number")
                .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), true, data.twilioCredentialId()))
                .onReply(NumberAcquired.class, LineData::withAcquired)
                .compensateWith(InboundAiOnSaga::giveUpAcquiredNumber)
                .onCompensated(NumberReleased.class, (data, reply) -> data.withoutNumber())
                .onCompensated(NumberAssigned.class, (data, reply) -> data.withoutNumber());
    }

    /** Only what this saga got: a bought number is released, a trial account's number handed back to the account. */
    private static Optional<CommandRequest> giveUpAcquiredNumber(LineData data, StepContext step) {
        if (!data.numberTakenHere()) {
            return Optional.empty();
        }
        if (LineData.PURCHASED.equals(data.numberSource())) {
            return Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()));
        }
        if (data.trialNumber()) {
            return Optional.of(handBackTrialNumber(step, data.numberSid(), data.phoneNumber(), data.twilioCredentialId()));
        }
        return Optional.empty();
    }

    private static StepDefinition.Builder<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
