package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.saga.definition.CommandRequest;
import io.switchboard.orchestrator.saga.definition.StepContext;

/** The Twilio worker as sagas see it: typed commands, the channel name kept in one place. */
public final class TwilioParticipant {
    private TwilioParticipant() {
    }

    public static CommandRequest acquireNumber(StepContext step, String country, String areaCode,
                                               boolean allowTrialFallback, String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new AcquireNumber(step.orgId(), step.requestId(), country,
                areaCode, allowTrialFallback, twilioCredentialId));
    }

    public static CommandRequest releaseNumber(StepContext step, String numberSid, String phoneNumber,
                                               String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new ReleaseNumber(step.orgId(), step.requestId(), numberSid,
                phoneNumber, twilioCredentialId));
    }
}
