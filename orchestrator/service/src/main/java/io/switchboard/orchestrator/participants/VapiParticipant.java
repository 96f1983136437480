package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.UpdateAssistant;
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

    /** The same with the organization's assistant template resolved into the command (when there is one). */
    public static CommandRequest createAssistant(StepContext step, String orgName, AssistantRole role,
                                                 AssistantConfigs configs) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new CreateAssistant(step.orgId(), step.requestId(), orgName,
                role, role.assistantName(orgName), configs.resolve(step.orgId(), orgName, role).orElse(null)));
    }

    /** Make an existing assistant run a resolved template (re-applying an organization's template). */
    public static CommandRequest updateAssistant(StepContext step, String assistantId, AssistantRole role,
                                                 AssistantConfig config) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new UpdateAssistant(step.orgId(), step.requestId(), assistantId,
                role, config));
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

    /** A free VAPI number, bound to the assistant from the start; VAPI shows its digits minutes later. */
    public static CommandRequest createFreePhoneNumber(StepContext step, String areaCode, String assistantId,
                                                       String orgName) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new CreateFreePhoneNumber(step.orgId(), step.requestId(),
                areaCode, assistantId, orgName));
    }

    /** Whether a free number shows its digits yet. */
    public static CommandRequest checkPhoneNumber(StepContext step, String vapiPhoneNumberId) {
        return new CommandRequest(Topics.VAPI_COMMANDS,
                new CheckPhoneNumber(step.orgId(), step.requestId(), vapiPhoneNumberId));
    }
}
