package io.switchboard.orchestrator.onboarding;

import io.switchboard.orchestrator.participants.VapiParticipant;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.StepContext;

/** The VAPI worker's free-number commands, as the onboarding saga sends them. */
final class FreeVapiNumberCommands {
    private FreeVapiNumberCommands() {
    }

    static CommandRequest create(OnboardingData data, StepContext step) {
        return VapiParticipant.createFreePhoneNumber(step, data.areaCode(), data.inboundAssistantId(), data.orgName());
    }

    static CommandRequest check(OnboardingData data, StepContext step) {
        return VapiParticipant.checkPhoneNumber(step, data.vapiPhoneNumberId());
    }
}
