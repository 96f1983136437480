package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;
import static io.switchboard.orchestrator.participants.VapiParticipant.createAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deleteAssistant;
import static io.switchboard.orchestrator.participants.VapiParticipant.deletePhoneNumberRegistration;
import static io.switchboard.orchestrator.participants.VapiParticipant.registerPhoneNumber;

/**
 * Inbound AI switched on for an organization that has an AI config:
 * <ol>
 *   <li>reuse its assistants — create the inbound one only if it has none (never duplicates);</li>
 *   <li>get a number if it has none: from the pool first, else buy one;</li>
 *   <li>register the number with VAPI, bound to the inbound assistant (always: the worker adopts and re-binds an
 *       existing registration, which also repairs a line an interrupted "off" left half taken down);</li>
 *   <li>mark the AI config active.</li>
 * </ol>
 * Undoing hands a pooled number back, releases only a number bought here, deletes only an assistant created here.
 */
public final class InboundAiOnSaga {
    public static final String TYPE = "inbound-ai-on";

    private InboundAiOnSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines) {
        return SagaDefinition.saga(TYPE, 1, LineData.class)
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

    private static StepDefinition<LineData> step(String name) {
        return StepDefinition.step(name);
    }
}
