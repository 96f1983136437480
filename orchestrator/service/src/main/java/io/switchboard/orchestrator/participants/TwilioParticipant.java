package io.switchboard.orchestrator.participants;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.ClaimOwnNumber;
import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.StepContext;

/**
 * The Twilio worker as sagas see it: typed commands, the channel name kept in one place. Every number carries its
 * owner at Twilio (the worker's owner tag); these commands say whose it is, and the worker refuses to act on a
 * number whose tag names someone else.
 */
public final class TwilioParticipant {
    private TwilioParticipant() {
    }

    /** Buy a number for the saga's organization. */
    public static CommandRequest acquireNumber(StepContext step, String country, String areaCode,
                                               boolean allowTrialFallback, String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new AcquireNumber(step.orgId(), step.requestId(), country,
                areaCode, allowTrialFallback, twilioCredentialId));
    }

    /** Buy a number for the pool (never a trial account's own number). */
    public static CommandRequest acquireNumberForPool(StepContext step, String country, String areaCode,
                                                      String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new AcquireNumber(step.orgId(), step.requestId(), country,
                areaCode, false, twilioCredentialId, NumberOwner.pool()));
    }

    /** Release a number of the saga's organization. */
    /**
     * The organization's own number ({@code ownNumber}: a {@code PN…} SID, an E.164 number, or {@code any}) in its
     * own account.
     */
    public static CommandRequest claimOwnNumber(StepContext step, String ownNumber, String twilioCredentialId) {
        String sid = NumberSources.isNumberSid(ownNumber) ? ownNumber : null;
        String number = ownNumber != null && ownNumber.startsWith("+") ? ownNumber : null;
        return new CommandRequest(Topics.TWILIO_COMMANDS, new ClaimOwnNumber(step.orgId(), step.requestId(), sid, number,
                twilioCredentialId));
    }

    public static CommandRequest releaseNumber(StepContext step, String numberSid, String phoneNumber,
                                               String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new ReleaseNumber(step.orgId(), step.requestId(), numberSid,
                phoneNumber, twilioCredentialId));
    }

    /** Release a number the pool holds. */
    public static CommandRequest releasePoolNumber(StepContext step, String numberSid, String phoneNumber,
                                                   String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new ReleaseNumber(step.orgId(), step.requestId(), numberSid,
                phoneNumber, twilioCredentialId, NumberOwner.pool()));
    }

    /** A pooled number becomes the saga's organization's. */
    public static CommandRequest takeFromPool(StepContext step, String numberSid, String phoneNumber,
                                              String twilioCredentialId) {
        return assign(step, numberSid, phoneNumber, NumberOwner.pool(), NumberOwner.organization(step.orgId()),
                twilioCredentialId);
    }

    /** The organization's number goes (back) to the pool. */
    public static CommandRequest handToPool(StepContext step, String numberSid, String phoneNumber,
                                            String twilioCredentialId) {
        return assign(step, numberSid, phoneNumber, NumberOwner.organization(step.orgId()), NumberOwner.pool(),
                twilioCredentialId);
    }

    /** A trial account's own number stops serving the organization: it serves nobody until the next one claims it. */
    public static CommandRequest handBackTrialNumber(StepContext step, String numberSid, String phoneNumber,
                                                     String twilioCredentialId) {
        return assign(step, numberSid, phoneNumber, NumberOwner.organization(step.orgId()), NumberOwner.unassigned(),
                twilioCredentialId);
    }

    private static CommandRequest assign(StepContext step, String numberSid, String phoneNumber, NumberOwner expected,
                                         NumberOwner next, String twilioCredentialId) {
        return new CommandRequest(Topics.TWILIO_COMMANDS, new AssignNumber(step.orgId(), step.requestId(), numberSid,
                phoneNumber, expected, next, twilioCredentialId));
    }
}
