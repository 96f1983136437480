package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.StepContext;

/** The VAPI worker as sagas see it. */
public final class VapiParticipant {
    private VapiParticipant() {
    }

    public static CommandRequest createAssistant(StepContext step, String orgName, AssistantRole role) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new CreateAssistant(step.orgId(), step.requestId(), orgName,
                role, role.assistantName(orgName)));
    }

    public static CommandRequest deleteAssistant(StepContext step, String assistantId) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new DeleteAssistant(step.orgId(), step.requestId(), assistantId));
    }

    public static CommandRequest registerPhoneNumber(StepContext step, String phoneNumber, String numberSid,
                                                     String assistantId, String name, String twilioCredentialId) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new RegisterPhoneNumber(step.orgId(), step.requestId(),
                phoneNumber, numberSid, assistantId, name, twilioCredentialId));
    }

    public static CommandRequest bindPhoneNumber(StepContext step, String vapiPhoneNumberId, String assistantId) {
        return new CommandRequest(Topics.VAPI_COMMANDS,
                new BindPhoneNumber(step.orgId(), step.requestId(), vapiPhoneNumberId, assistantId));
    }

    public static CommandRequest deletePhoneNumberRegistration(StepContext step, String vapiPhoneNumberId) {
        return new CommandRequest(Topics.VAPI_COMMANDS,
                new DeletePhoneNumberRegistration(step.orgId(), step.requestId(), vapiPhoneNumberId));
    }
}
