package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.StepContext;

/** The email notifier as sagas see it. */
public final class NotifierParticipant {
    private NotifierParticipant() {
    }

    public static CommandRequest approvalEmail(StepContext step, String orgName, String ownerEmail, String phoneNumber,
                                               String inboundAssistantName, String outboundAssistantName,
                                               String setupDate) {
        return new CommandRequest(Topics.NOTIFIER_COMMANDS, new SendApprovalEmail(step.orgId(), step.requestId(),
                orgName, ownerEmail, phoneNumber, inboundAssistantName, outboundAssistantName, setupDate));
    }

    public static CommandRequest failureEmail(StepContext step, String orgName, String ownerEmail) {
        return new CommandRequest(Topics.NOTIFIER_COMMANDS, new SendFailureEmail(step.orgId(), step.requestId(),
                orgName, ownerEmail, step.failedStep(), step.failureReason()));
    }
}
