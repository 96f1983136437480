package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;
import io.switchboard.orchestrator.onboarding.NumberProvider;

/**
 * An organization's line as the inbound-AI and cleanup sagas see it: what exists already (from the AI config) and
 * what the saga added. {@code numberSource} says whose number it is: {@code PURCHASED} (ours, bought for the org),
 * {@code POOLED} (ours, from the pool), {@code TRIAL_EXISTING} (the trial account's own number, never released), {@code ORGANIZATION_OWNED} (brought by
 * the organization), {@code VAPI_FREE} (a free VAPI number: no Twilio SID).
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
    /** A free VAPI number (as onboarding writes it): nothing at Twilio; the line goes, the VAPI number is deleted. */
    public static final String VAPI_FREE = "VAPI_FREE";
    /** A number the organization brought, in its own Twilio account: never released, pooled or re-tagged away. */
    public static final String ORGANIZATION_OWNED = "ORGANIZATION_OWNED";

    public static LineData of(AiConfig config) {
        return new LineData(config.orgId(), config.orgName(), config.ownerEmail(), config.country(), config.areaCode(),
                config.twilioCredentialId(), config.phoneNumber(), config.numberSid(), config.numberSource(), false,
                config.vapiPhoneNumberId(), config.inboundAssistantId(), config.outboundAssistantId(), false,
                config.numberChoice(), config.ownNumber(), config.inboundTemplate());
    }

    /**
     * An additional number for the organization's line (add-number): nothing but the line's organization, country
     * and account, with the assistant the number is to ring in the inbound assistant's place.
     *
     * @param areaCode {@code null}: the line's
     */
    public static LineData forAdditionalNumber(AiConfig config, String assistantId, String areaCode) {
        return new LineData(config.orgId(), config.orgName(), config.ownerEmail(), config.country(),
                areaCode == null ? config.areaCode() : areaCode, config.twilioCredentialId(), null, null, null, false,
                null, assistantId, null, false, null, null, null);
    }

    /** The request's number choice, when it made one (else the line's remembered one stays). */
    public LineData withNumberChoice(String numberSource, String own) {
        if (numberSource == null) {
            return this;
        }
        return copy().requestedNumberSource(numberSource).ownNumber(own).build();
    }

    /** inbound-ai-on v3: the organization's own number is claimed in its own account. */
    public boolean claimsOwnNumber() {
        return NumberSources.OWN_NUMBER.equals(requestedNumberSource);
    }

    /**
     * inbound-ai-on v3: the pool is looked at first — the default, and what a remembered {@code none} comes to here
     * (and {@code vapi_free} in v3, or in v4 at VAPI's free-number limit); not with {@code force_twilio} or an own
     * number.
     */
    public boolean triesPoolFirst() {
        return !NumberSources.FORCE_TWILIO.equals(requestedNumberSource) && !claimsOwnNumber();
    }

    public boolean hasNumber() {
        return numberSid != null;
    }

    /**
     * inbound-ai-on v4: the line is meant for a free VAPI number — {@code vapi_free} asked now or remembered, or no
     * choice and the setting ({@code switchboard.numbers.provider}) says so, as for an onboarding.
     */
    public boolean wantsFreeVapiNumber(NumberProvider configured) {
        return NumberSources.VAPI_FREE.equals(requestedNumberSource)
                || (requestedNumberSource == null && configured == NumberProvider.VAPI_FREE);
    }

    /** A free VAPI number serves (or will serve) this line; it has no Twilio number. */
    public boolean hasFreeNumber() {
        return VAPI_FREE.equals(numberSource) && vapiPhoneNumberId != null;
    }

    /** The free number exists, bound to the inbound assistant, but VAPI has not shown its digits yet. */
    public boolean freeNumberPending() {
        return hasFreeNumber() && phoneNumber == null;
    }

    /** The free number this saga got (so only then may undoing delete it); its digits come later. */
    public LineData withFreeNumber(FreePhoneNumberCreated reply) {
        return withNumber(null, null, VAPI_FREE, true).withRegistrationId(reply.vapiPhoneNumberId());
    }

    public LineData withFreeNumberActive(PhoneNumberActive reply) {
        // Where VAPI shows no digits, the SIP URI is what the line is called at.
        return withNumber(reply.reachableAt(), null, VAPI_FREE, numberTakenHere).withRegistrationId(reply.vapiPhoneNumberId());
    }

    public LineData withoutFreeNumber() {
        return withoutNumber().withoutRegistration();
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
        return copy().number(phone, sid, source, takenHere).build();
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
        return copy().inboundAssistant(reply.assistantId(), true, AssistantTemplateRef.of(reply)).build();
    }

    public LineData withoutAssistants() {
        return copy().inboundAssistant(null, false, null).outboundAssistantId(null).build();
    }

    /** The inbound assistant was deleted (cleanup). */
    public LineData withoutInboundAssistant() {
        return copy().inboundAssistant(null, false, null).build();
    }

    /** The outbound assistant was deleted (cleanup). */
    public LineData withoutOutboundAssistant() {
        return copy().outboundAssistantId(null).build();
    }

    public LineData withRegistration(PhoneNumberRegistered reply) {
        return withRegistrationId(reply.vapiPhoneNumberId());
    }

    public LineData withoutRegistration() {
        return withRegistrationId(null);
    }

    private LineData withRegistrationId(String vapiId) {
        return copy().vapiPhoneNumberId(vapiId).build();
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A copy with some members changed: what stays (organization, country, credential) is taken as it is. */
    private static final class Copy {
        private final LineData d;
        private String phoneNumber;
        private String numberSid;
        private String numberSource;
        private boolean numberTakenHere;
        private String vapiPhoneNumberId;
        private String inboundAssistantId;
        private String outboundAssistantId;
        private boolean inboundAssistantCreated;
        private String requestedNumberSource;
        private String ownNumber;
        private AssistantTemplateRef inboundTemplate;

        Copy(LineData d) {
            this.d = d;
            phoneNumber = d.phoneNumber;
            numberSid = d.numberSid;
            numberSource = d.numberSource;
            numberTakenHere = d.numberTakenHere;
            vapiPhoneNumberId = d.vapiPhoneNumberId;
            inboundAssistantId = d.inboundAssistantId;
            outboundAssistantId = d.outboundAssistantId;
            inboundAssistantCreated = d.inboundAssistantCreated;
            requestedNumberSource = d.requestedNumberSource;
            ownNumber = d.ownNumber;
            inboundTemplate = d.inboundTemplate;
        }

        Copy number(String phone, String sid, String source, boolean takenHere) {
            phoneNumber = phone;
            numberSid = sid;
            numberSource = source;
            numberTakenHere = takenHere;
            return this;
        }

        Copy vapiPhoneNumberId(String value) {
            vapiPhoneNumberId = value;
            return this;
        }

        Copy inboundAssistant(String id, boolean createdHere, AssistantTemplateRef template) {
            inboundAssistantId = id;
            inboundAssistantCreated = createdHere;
            inboundTemplate = template;
            return this;
        }

        Copy outboundAssistantId(String value) {
            outboundAssistantId = value;
            return this;
        }

        Copy requestedNumberSource(String value) {
            requestedNumberSource = value;
            return this;
        }

        Copy ownNumber(String value) {
            ownNumber = value;
            return this;
        }

        LineData build() {
            return new LineData(d.orgId, d.orgName, d.ownerEmail, d.country, d.areaCode, d.twilioCredentialId,
                    phoneNumber, numberSid, numberSource, numberTakenHere, vapiPhoneNumberId, inboundAssistantId,
                    outboundAssistantId, inboundAssistantCreated, requestedNumberSource, ownNumber, inboundTemplate);
        }
    }
}
