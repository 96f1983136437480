package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;

/**
 * What the onboarding saga knows about the organization and what it has created so far.
 *
 * @param numberProvider where this onboarding gets its number, fixed when it starts so that a changed setting
 *                       never switches a running saga half-way; {@code null} (instances of version 1) means Twilio
 */
public record OnboardingData(
        String orgId,
        String orgName,
        String ownerEmail,
        String country,
        String areaCode,
        String twilioCredentialId,
        String phoneNumber,
        String numberSid,
        String numberSource,
        String inboundAssistantId,
        String inboundAssistantName,
        String outboundAssistantId,
        String outboundAssistantName,
        String vapiPhoneNumberId,
        String setupDate,
        NumberProvider numberProvider) {

    public static OnboardingData from(OrganizationApproved event) {
        return new OnboardingData(event.orgId(), event.orgName(), event.ownerEmail(), event.country(),
                event.areaCode(), event.twilioCredentialId(), null, null, null, null, null, null, null, null, null, null);
    }

    public static final String POOLED = "POOLED";
    /** {@code numberSource} of a free VAPI number: nothing at Twilio to release, the VAPI number is deleted. */
    public static final String VAPI_FREE = "VAPI_FREE";

    /**
     * A fresh start for the same organization with other number options; nothing created so far is carried over,
     * and the number provider is chosen again from the current setting.
     */
    public OnboardingData retryWith(String newCountry, String newAreaCode) {
        return new OnboardingData(orgId, orgName, ownerEmail, newCountry == null ? country : newCountry,
                newAreaCode == null ? areaCode : newAreaCode, twilioCredentialId, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Keeps a provider already chosen (e.g. by whoever started the saga); otherwise takes the setting. */
    public OnboardingData withNumberProviderIfUnset(NumberProvider configured) {
        return numberProvider != null ? this : withNumberProvider(configured);
    }

    public OnboardingData withNumberProvider(NumberProvider provider) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, vapiPhoneNumberId, setupDate, provider);
    }

    public boolean usesFreeVapiNumber() {
        return numberProvider == NumberProvider.VAPI_FREE;
    }

    /** The number comes from Twilio (pool, purchase or a trial account's own number). */
    public boolean usesTwilio() {
        return !usesFreeVapiNumber();
    }

    /** Only a number bought for this saga may be released when it is undone. */
    public boolean ownsNumber() {
        return numberSid != null && NumberAcquired.Source.PURCHASED.name().equals(numberSource);
    }

    public boolean pooledNumber() {
        return numberSid != null && POOLED.equals(numberSource);
    }

    /** A trial account's own number, claimed for this organization: handed back when undone, never released. */
    public boolean trialNumber() {
        return numberSid != null && NumberAcquired.Source.TRIAL_EXISTING.name().equals(numberSource);
    }

    public OnboardingData withNumber(NumberAcquired reply) {
        return withNumber(reply.phoneNumber(), reply.numberSid(), reply.source().name());
    }

    public OnboardingData withNumber(String phone, String sid, String source) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId,
                phone, sid, source, inboundAssistantId, inboundAssistantName,
                outboundAssistantId, outboundAssistantName, vapiPhoneNumberId, setupDate, numberProvider);
    }

    public OnboardingData withInboundAssistant(AssistantCreated reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, reply.assistantId(), reply.name(), outboundAssistantId, outboundAssistantName,
                vapiPhoneNumberId, setupDate, numberProvider);
    }

    public OnboardingData withOutboundAssistant(AssistantCreated reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, reply.assistantId(), reply.name(),
                vapiPhoneNumberId, setupDate, numberProvider);
    }

    public OnboardingData withRegistration(PhoneNumberRegistered reply) {
        return withVapiPhoneNumber(reply.vapiPhoneNumberId());
    }

    /** The free number exists at VAPI (so it is ours to delete if onboarding is undone), its digits come later. */
    public OnboardingData withFreeNumber(FreePhoneNumberCreated reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, null,
                null, VAPI_FREE, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, reply.vapiPhoneNumberId(), setupDate, numberProvider);
    }

    public OnboardingData withFreeNumberActive(PhoneNumberActive reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId,
                reply.phoneNumber(), null, VAPI_FREE, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, reply.vapiPhoneNumberId(), setupDate, numberProvider);
    }

    public OnboardingData withoutFreeNumber() {
        return withVapiPhoneNumber(null).withNumber(null, null, null);
    }

    public OnboardingData withSetupDate(String date) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, vapiPhoneNumberId, date, numberProvider);
    }

    public OnboardingData withoutNumber() {
        return withNumber(null, null, null);
    }

    private OnboardingData withVapiPhoneNumber(String id) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, id, setupDate, numberProvider);
    }
}
