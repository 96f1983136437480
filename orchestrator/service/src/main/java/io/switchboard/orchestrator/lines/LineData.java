package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.aiconfig.AiConfig;

/**
 * An organization's line as the inbound-AI and cleanup sagas see it: what exists already (from the AI config) and
 * what the saga added. {@code numberSource} says whose number it is: {@code PURCHASED} (ours, bought for the org),
 * {@code POOLED} (ours, from the pool), {@code TRIAL_EXISTING} (the trial account's own number, never released).
 *
 * @param inboundAssistantCreated true when this saga created the inbound assistant (so only then may it delete it)
 */
public record LineData(
        String orgId,
        String orgName,
        String ownerEmail,
        String country,
        String areaCode,
        String twilioCredentialId,
        String phoneNumber,
        String numberSid,
        String numberSource,
        boolean numberTakenHere,
        String vapiPhoneNumberId,
        String inboundAssistantId,
        String outboundAssistantId,
        boolean inboundAssistantCreated) {

    public static final String PURCHASED = NumberAcquired.Source.PURCHASED.name();
    public static final String POOLED = "POOLED";
    public static final String TRIAL_EXISTING = NumberAcquired.Source.TRIAL_EXISTING.name();

    public static LineData of(AiConfig config) {
        return new LineData(config.orgId(), config.orgName(), config.ownerEmail(), config.country(), config.areaCode(),
                config.twilioCredentialId(), config.phoneNumber(), config.numberSid(), config.numberSource(), false,
                config.vapiPhoneNumberId(), config.inboundAssistantId(), config.outboundAssistantId(), false);
    }

    public boolean hasNumber() {
        return numberSid != null;
    }

    /** The platform pays for it: bought for an organization or taken from the pool. */
    public boolean platformOwnsNumber() {
        return hasNumber() && (PURCHASED.equals(numberSource) || POOLED.equals(numberSource));
    }

    /**
     * In the platform's own Twilio account: the pool's sagas can release it. A number in an organization's own
     * account (a tenant credential) can only be released with that organization's credential, so it is never pooled.
     */
    public boolean inPlatformAccount() {
        return twilioCredentialId == null || twilioCredentialId.isBlank();
    }

    /** Taken from the pool by this saga. */
    public boolean pooledHere() {
        return hasNumber() && numberTakenHere && POOLED.equals(numberSource);
    }

    /** A trial account's own number serving this line: handed back to the account, never released or pooled. */
    public boolean trialNumber() {
        return hasNumber() && TRIAL_EXISTING.equals(numberSource);
    }

    public LineData withNumber(String phone, String sid, String source, boolean takenHere) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phone, sid, source,
                takenHere, vapiPhoneNumberId, inboundAssistantId, outboundAssistantId, inboundAssistantCreated);
    }

    public LineData withAcquired(NumberAcquired reply) {
        return withNumber(reply.phoneNumber(), reply.numberSid(), reply.source().name(), true);
    }

    public LineData withoutNumber() {
        return withNumber(null, null, null, false);
    }

    public LineData withInboundAssistant(AssistantCreated reply) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, reply.assistantId(), outboundAssistantId, true);
    }

    public LineData withoutAssistants() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, null, null, false);
    }

    /** The inbound assistant was deleted (cleanup). */
    public LineData withoutInboundAssistant() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, null, outboundAssistantId, false);
    }

    /** The outbound assistant was deleted (cleanup). */
    public LineData withoutOutboundAssistant() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, inboundAssistantId, null, inboundAssistantCreated);
    }

    public LineData withRegistration(PhoneNumberRegistered reply) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, reply.vapiPhoneNumberId(), inboundAssistantId, outboundAssistantId,
                inboundAssistantCreated);
    }

    public LineData withoutRegistration() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, null, inboundAssistantId, outboundAssistantId, inboundAssistantCreated);
    }
}
