package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;

/**
 * An organization's line as the inbound-AI and cleanup sagas see it: what exists already (from the AI config) and
 * what the saga added. {@code numberSource} says whose number it is: {@code PURCHASED} (ours, bought for the org),
 * {@code POOLED} (ours, from the pool), {@code TRIAL_EXISTING} (the trial account's own number, never released).
 *
 * @param inboundAssistantCreated true when this saga created the inbound assistant (so only then may it delete it)
 * @param requestedNumberSource   where a new number comes from ({@code numberSource} of the request, else what the
 *                                line remembers, else {@code null}: pool first); read by inbound-ai-on v3
 * @param ownNumber               with {@code own_number}: the organization's number (SID, E.164 or {@code any})
 * @param inboundTemplate         the assistant template the inbound assistant runs: the line's record of it, or
 *                                what the reply of the one created here said; {@code null}: none recorded
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
        boolean inboundAssistantCreated,
        String requestedNumberSource,
        String ownNumber,
        AssistantTemplateRef inboundTemplate) {

    public static final String PURCHASED = NumberAcquired.Source.PURCHASED.name();
    public static final String POOLED = "POOLED";
    public static final String TRIAL_EXISTING = NumberAcquired.Source.TRIAL_EXISTING.name();
    /** A number the organization brought, in its own Twilio account: never released, pooled or re-tagged away. */
    public static final String ORGANIZATION_OWNED = "ORGANIZATION_OWNED";

    public static LineData of(AiConfig config) {
        return new LineData(config.orgId(), config.orgName(), config.ownerEmail(), config.country(), config.areaCode(),
                config.twilioCredentialId(), config.phoneNumber(), config.numberSid(), config.numberSource(), false,
                config.vapiPhoneNumberId(), config.inboundAssistantId(), config.outboundAssistantId(), false,
                config.numberChoice(), config.ownNumber(), config.inboundTemplate());
    }

    /** The request's number choice, when it made one (else the line's remembered one stays). */
    public LineData withNumberChoice(String numberSource, String own) {
        if (numberSource == null) {
            return this;
        }
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                this.numberSource, numberTakenHere, vapiPhoneNumberId, inboundAssistantId, outboundAssistantId,
                inboundAssistantCreated, numberSource, own, inboundTemplate);
    }

    /** inbound-ai-on v3: the organization's own number is claimed in its own account. */
    public boolean claimsOwnNumber() {
        return NumberSources.OWN_NUMBER.equals(requestedNumberSource);
    }

    /**
     * inbound-ai-on v3: the pool is looked at first — the default, and what a remembered {@code none} or
     * {@code vapi_free} comes to here; not with {@code force_twilio} or an own number.
     */
    public boolean triesPoolFirst() {
        return !NumberSources.FORCE_TWILIO.equals(requestedNumberSource) && !claimsOwnNumber();
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

    /** A number the organization brought: the line gives it up by leaving it where it is, in its own account. */
    public boolean organizationOwnNumber() {
        return hasNumber() && ORGANIZATION_OWNED.equals(numberSource);
    }

    public LineData withNumber(String phone, String sid, String source, boolean takenHere) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phone, sid, source,
                takenHere, vapiPhoneNumberId, inboundAssistantId, outboundAssistantId, inboundAssistantCreated, requestedNumberSource, ownNumber, inboundTemplate);
    }

    /** As {@code OnboardingData#withAssignedPoolNumber}: a late re-tag puts back the number an ops undo took out. */
    public LineData withAssignedPoolNumber(NumberAssigned reply) {
        return hasNumber() ? this : withNumber(reply.phoneNumber(), reply.numberSid(), POOLED, true);
    }

    public LineData withAcquired(NumberAcquired reply) {
        return withNumber(reply.phoneNumber(), reply.numberSid(), reply.source().name(), true);
    }

    public LineData withoutNumber() {
        return withNumber(null, null, null, false);
    }

    public LineData withInboundAssistant(AssistantCreated reply) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, reply.assistantId(), outboundAssistantId, true, requestedNumberSource, ownNumber,
                AssistantTemplateRef.of(reply));
    }

    public LineData withoutAssistants() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, null, null, false, requestedNumberSource, ownNumber, null);
    }

    /** The inbound assistant was deleted (cleanup). */
    public LineData withoutInboundAssistant() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, null, outboundAssistantId, false, requestedNumberSource,
                ownNumber, null);
    }

    /** The outbound assistant was deleted (cleanup). */
    public LineData withoutOutboundAssistant() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, vapiPhoneNumberId, inboundAssistantId, null, inboundAssistantCreated,
                requestedNumberSource, ownNumber, inboundTemplate);
    }

    public LineData withRegistration(PhoneNumberRegistered reply) {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, reply.vapiPhoneNumberId(), inboundAssistantId, outboundAssistantId,
                inboundAssistantCreated, requestedNumberSource, ownNumber, inboundTemplate);
    }

    public LineData withoutRegistration() {
        return new LineData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber, numberSid,
                numberSource, numberTakenHere, null, inboundAssistantId, outboundAssistantId, inboundAssistantCreated, requestedNumberSource, ownNumber, inboundTemplate);
    }
}
