package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import static io.switchboard.orchestrator.participants.NotifierParticipant.approvalEmail;

/**
 * The later poll of a line saved "activation pending" (onboarding v5): its free VAPI number had not shown its digits
 * by the wait limit. Looks again like the onboarding did (every poll interval, up to the wait limit, on durable
 * timers); when VAPI shows them the line becomes active with its number and the owner gets the approval email the
 * onboarding held back. Still activating at the limit, it changes nothing and ends: the next check
 * ({@code switchboard.numbers.pending-activation-check-interval}) starts another. There is nothing to undo.
 */
public final class FreeNumberActivationSaga {
    public static final String TYPE = "free-number-activation";
    public static final int VERSION = 1;

    private FreeNumberActivationSaga() {
    }

    /** @param fillIn makes the line active with the digits VAPI showed */
    public static SagaDefinition<FreeNumberActivationData> definition(LocalAction<FreeNumberActivationData> fillIn,
                                                                      NumberProperties numbers) {
        return SagaDefinition.saga(TYPE, VERSION, FreeNumberActivationData.class)
                .then(StepDefinition.<FreeNumberActivationData>step("await-vapi-number")
                        .invoke((data, step) -> new CommandRequest(Topics.VAPI_COMMANDS,
                                new CheckPhoneNumber(step.orgId(), step.requestId(), data.vapiPhoneNumberId())))
                        .onReply(PhoneNumberActive.class, FreeNumberActivationData::withNumber)
                        .tolerating((data, errorCode) -> StillActivating.is(errorCode))
                        .policy(numbers.freeNumberPolling()))
                .then(StepDefinition.<FreeNumberActivationData>step("fill-in-number")
                        .when(FreeNumberActivationData::activated)
                        .invokeLocal(fillIn))
                .then(StepDefinition.<FreeNumberActivationData>step("send-approval-email")
                        .when(FreeNumberActivationData::activated)
                        .invoke((data, step) -> approvalEmail(step, data.orgName(), data.ownerEmail(),
                                data.phoneNumber(), data.orgName() + " inbound", data.orgName() + " outbound",
                                data.setupDate()))
                        .onReply(EmailSent.class, (data, reply) -> data)
                        .nonCritical())
                .build();
    }
}
