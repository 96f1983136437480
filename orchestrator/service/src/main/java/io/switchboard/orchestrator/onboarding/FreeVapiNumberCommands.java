package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.StepContext;

/** The VAPI worker's free-number commands, as the onboarding saga sends them. */
final class FreeVapiNumberCommands {
    private FreeVapiNumberCommands() {
    }

    static CommandRequest create(OnboardingData data, StepContext step) {
        return new CommandRequest(Topics.VAPI_COMMANDS, new CreateFreePhoneNumber(step.orgId(), step.requestId(),
                data.areaCode(), data.inboundAssistantId(), data.orgName()));
    }

    static CommandRequest check(OnboardingData data, StepContext step) {
        return new CommandRequest(Topics.VAPI_COMMANDS,
                new CheckPhoneNumber(step.orgId(), step.requestId(), data.vapiPhoneNumberId()));
    }
}
