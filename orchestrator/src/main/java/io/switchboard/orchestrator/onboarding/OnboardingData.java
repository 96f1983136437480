package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberRegistered;

/** What the onboarding saga knows about the organization and what it has created so far. */
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
        String setupDate) {

    public static OnboardingData from(OrganizationApproved event) {
        return new OnboardingData(event.orgId(), event.orgName(), event.ownerEmail(), event.country(),
                event.areaCode(), event.twilioCredentialId(), null, null, null, null, null, null, null, null, null);
    }

    public static final String POOLED = "POOLED";

    /** A fresh start for the same organization with other number options; nothing created so far is carried over. */
    public OnboardingData retryWith(String newCountry, String newAreaCode) {
        return new OnboardingData(orgId, orgName, ownerEmail, newCountry == null ? country : newCountry,
                newAreaCode == null ? areaCode : newAreaCode, twilioCredentialId, null, null, null, null, null, null,
                null, null, null);
    }

    /** Only a number bought for this saga may be released when it is undone. */
    public boolean ownsNumber() {
        return numberSid != null && NumberAcquired.Source.PURCHASED.name().equals(numberSource);
    }

    public boolean pooledNumber() {
        return numberSid != null && POOLED.equals(numberSource);
    }

    public OnboardingData withNumber(NumberAcquired reply) {
        return withNumber(reply.phoneNumber(), reply.numberSid(), reply.source().name());
    }

    public OnboardingData withNumber(String phone, String sid, String source) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId,
                phone, sid, source, inboundAssistantId, inboundAssistantName,
                outboundAssistantId, outboundAssistantName, vapiPhoneNumberId, setupDate);
    }

    public OnboardingData withInboundAssistant(AssistantCreated reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, reply.assistantId(), reply.name(), outboundAssistantId, outboundAssistantName,
                vapiPhoneNumberId, setupDate);
    }

    public OnboardingData withOutboundAssistant(AssistantCreated reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, reply.assistantId(), reply.name(),
                vapiPhoneNumberId, setupDate);
    }

    public OnboardingData withRegistration(PhoneNumberRegistered reply) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, reply.vapiPhoneNumberId(), setupDate);
    }

    public OnboardingData withSetupDate(String date) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, phoneNumber,
                numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                outboundAssistantName, vapiPhoneNumberId, date);
    }

    public OnboardingData withoutNumber() {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, null, null, null,
                inboundAssistantId, inboundAssistantName, outboundAssistantId, outboundAssistantName,
                vapiPhoneNumberId, setupDate);
    }
}
