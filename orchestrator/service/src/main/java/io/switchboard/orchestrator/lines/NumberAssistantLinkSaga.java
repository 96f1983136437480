package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.VapiParticipant.bindPhoneNumber;

/**
 * An organization links its line's number to one of its own assistants ({@code PUT …/numbers/{id}/assistant}),
 * queued like every request of the organization so it never runs beside another of its sagas:
 * <ol>
 *   <li>bind-number: {@code BindPhoneNumber} to the VAPI worker, which reads the number, checks that it and the
 *       assistant are the organization's (owner tag, metadata, ledger; {@code OWNED_BY_ANOTHER_ORGANIZATION}
 *       otherwise, nothing changed) and re-binds it ({@code PATCH /phone-number/{id}} with the number's own
 *       {@code provider} and {@code assistantId}: a Twilio number or a free VAPI number alike); undone by binding it
 *       back to the assistant it had;</li>
 *   <li>save-number-assistant: the line remembers the assistant.</li>
 * </ol>
 */
public final class NumberAssistantLinkSaga {
    public static final String TYPE = "number-assistant-link";
    public static final int VERSION = 1;

    private NumberAssistantLinkSaga() {
    }

    public static SagaDefinition<NumberAssistantLinkData> definition(LocalAction<NumberAssistantLinkData> save) {
        return SagaDefinition.saga(TYPE, VERSION, NumberAssistantLinkData.class)
                .then(StepDefinition.<NumberAssistantLinkData>step("bind-number")
                        .invoke((data, step) -> bindPhoneNumber(step, data.vapiPhoneNumberId(), data.assistantId()))
                        .onReply(PhoneNumberRegistered.class, NumberAssistantLinkData::withBinding)
                        .compensateWith((data, step) -> Optional.of(bindPhoneNumber(step, data.vapiPhoneNumberId(),
                                data.previousAssistantId())))
                        .onCompensated(PhoneNumberRegistered.class, (data, reply) -> data))
                .then(StepDefinition.<NumberAssistantLinkData>step("save-number-assistant")
                        .invokeLocal(save))
                .build();
    }
}
