package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;

/**
 * What the onboarding saga knows about the organization and what it has created so far.
 *
 * @param numberProvider  where this onboarding gets its number, fixed when it starts so that a changed setting
 *                        never switches a running saga half-way; {@code null} (instances of version 1) means Twilio
 * @param numberSource    where the approval or request asked the number to come from ({@link NumberSources});
 *                        {@code null} = the default (pool first, or the global provider setting). Read by version 4
 * @param ownNumber       with {@code own_number}: the SID or E.164 number of the organization's own number, or
 *                        {@code any}
 * @param freeNumberFallback version 5: why this onboarding, meant for a free VAPI number, takes a Twilio number
 *                        instead (VAPI's free-number limit); {@code null} when it did not
 * @param inboundTemplate the assistant template the inbound assistant runs, as its reply said; {@code null} for one
 *                        created from the worker's defaults (and in instances from before templates)
 * @param outboundTemplate the same for the outbound assistant
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
        NumberProvider numberProvider,
        String requestedNumberSource,
        String ownNumber,
        String freeNumberFallback,
        AssistantTemplateRef inboundTemplate,
        AssistantTemplateRef outboundTemplate) {

    public static final String POOLED = "POOLED";
    /** {@code numberSource} of a free VAPI number: nothing at Twilio to release, the VAPI number is deleted. */
    public static final String VAPI_FREE = "VAPI_FREE";

    public static OnboardingData from(OrganizationApproved event) {
        return start(event.orgId(), event.orgName(), event.ownerEmail(), event.country(), event.areaCode(),
                event.twilioCredentialId(), event.effectiveNumberSource(), event.ownNumber());
    }

    /** A new onboarding: nothing created yet, the provider chosen by its first step. */
    public static OnboardingData start(String orgId, String orgName, String ownerEmail, String country, String areaCode,
                                       String twilioCredentialId, String requestedNumberSource, String ownNumber) {
        return new OnboardingData(orgId, orgName, ownerEmail, country, areaCode, twilioCredentialId, null, null, null,
                null, null, null, null, null, null, null, requestedNumberSource, ownNumber, null, null, null);
    }

    /**
     * A fresh start for the same organization with other number options; nothing created so far is carried over,
     * and the number provider is chosen again from the current setting.
     */
    public OnboardingData retryWith(String newCountry, String newAreaCode) {
        return retryWith(newCountry, newAreaCode, null, null);
    }

    /** The same with another number source too ({@code null} keeps the failed onboarding's). */
    public OnboardingData retryWith(String newCountry, String newAreaCode, String newNumberSource, String newOwnNumber) {
        boolean sourceChanged = newNumberSource != null || newOwnNumber != null;
        return start(orgId, orgName, ownerEmail, newCountry == null ? country : newCountry,
                newAreaCode == null ? areaCode : newAreaCode, twilioCredentialId,
                sourceChanged ? NumberSources.effective(newNumberSource, newOwnNumber) : requestedNumberSource,
                sourceChanged ? newOwnNumber : ownNumber);
    }

    /** Keeps a provider already chosen (e.g. by whoever started the saga); otherwise takes the setting. */
    public OnboardingData withNumberProviderIfUnset(NumberProvider configured) {
        return numberProvider != null ? this : withNumberProvider(configured);
    }

    /**
     * Version 4: the request's number source decides the provider ({@code vapi_free} → a free VAPI number, any other
     * source → Twilio); without one the setting does.
     */
    public OnboardingData withNumberProviderFor(NumberProvider configured) {
        if (numberProvider != null) {
            return this;
        }
        if (requestedNumberSource == null) {
            return withNumberProvider(configured);
        }
        return withNumberProvider(NumberSources.VAPI_FREE.equals(requestedNumberSource)
                ? NumberProvider.VAPI_FREE : NumberProvider.TWILIO);
    }

    public OnboardingData withNumberProvider(NumberProvider provider) {
        return copy().numberProvider(provider).build();
    }

    public boolean usesFreeVapiNumber() {
        return numberProvider == NumberProvider.VAPI_FREE;
    }

    /** The number comes from Twilio (pool, purchase or a trial account's own number). */
    public boolean usesTwilio() {
        return !usesFreeVapiNumber();
    }

    /** Version 4: the line gets a Twilio number (not {@code none}, not a free VAPI number). */
    public boolean wantsTwilioNumber() {
        return usesTwilio() && !NumberSources.NONE.equals(requestedNumberSource);
    }

    /** Version 4: the pool is looked at first (the default; not with {@code force_twilio} or an own number). */
    public boolean triesPoolFirst() {
        return wantsTwilioNumber() && (requestedNumberSource == null || NumberSources.POOL_FIRST.equals(requestedNumberSource));
    }

    /** Version 4: a number is bought when the pool had none (or was skipped). */
    public boolean buysNumber() {
        return wantsTwilioNumber() && !claimsOwnNumber() && numberSid == null;
    }

    /** Version 4: the organization's own number, claimed in its own Twilio account. */
    public boolean claimsOwnNumber() {
        return usesTwilio() && NumberSources.OWN_NUMBER.equals(requestedNumberSource);
    }

    /** Version 4: assistants only, no number: the line is saved inactive and gets its number later. */
    public boolean assistantsOnly() {
        return NumberSources.NONE.equals(requestedNumberSource);
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

    /**
     * The pooled number Twilio now says is this organization's. On time the data already names it; a re-tag that
     * succeeded after an ops compensate had already undone the take (number back in stock, gone from the data) puts
     * it back, so the re-tag's own undo hands it back to the pool instead of finding nothing to do.
     */
    public OnboardingData withAssignedPoolNumber(NumberAssigned reply) {
        return numberSid != null ? this : withNumber(reply.phoneNumber(), reply.numberSid(), POOLED);
    }

    public OnboardingData withNumber(String phone, String sid, String source) {
        return copy().phoneNumber(phone).numberSid(sid).numberSource(source).build();
    }

    public OnboardingData withInboundAssistant(AssistantCreated reply) {
        return copy().inboundAssistant(reply.assistantId(), reply.name(), AssistantTemplateRef.of(reply)).build();
    }

    public OnboardingData withOutboundAssistant(AssistantCreated reply) {
        return copy().outboundAssistant(reply.assistantId(), reply.name(), AssistantTemplateRef.of(reply)).build();
    }

    public OnboardingData withRegistration(PhoneNumberRegistered reply) {
        return withVapiPhoneNumber(reply.vapiPhoneNumberId());
    }

    /** The free number exists at VAPI (so it is ours to delete if onboarding is undone), its digits come later. */
    public OnboardingData withFreeNumber(FreePhoneNumberCreated reply) {
        return copy().phoneNumber(null).numberSid(null).numberSource(VAPI_FREE)
                .vapiPhoneNumberId(reply.vapiPhoneNumberId()).build();
    }

    public OnboardingData withFreeNumberActive(PhoneNumberActive reply) {
        // Where VAPI shows no digits, the SIP URI is what the line is called at.
        return copy().phoneNumber(reply.reachableAt()).numberSid(null).numberSource(VAPI_FREE)
                .vapiPhoneNumberId(reply.vapiPhoneNumberId()).build();
    }

    public OnboardingData withoutFreeNumber() {
        return withVapiPhoneNumber(null).withNumber(null, null, null);
    }

    /**
     * Version 5: VAPI gave no free number (its per-account limit), so the line takes a Twilio number instead: from
     * here on this onboarding is a Twilio one (no activation to wait for).
     */
    public OnboardingData withFreeNumberFallback(String reason) {
        return copy().numberProvider(NumberProvider.TWILIO).freeNumberFallback(reason).build();
    }

    /** Version 5: meant for a free VAPI number, VAPI had none left: a Twilio number is bought instead. */
    public boolean fellBackToTwilio() {
        return freeNumberFallback != null;
    }

    /** Version 5: the free VAPI number could not be created and nothing came of it yet. */
    public boolean freeNumberMissing() {
        return usesFreeVapiNumber() && vapiPhoneNumberId == null;
    }

    /**
     * Version 5: the free VAPI number exists and is bound to the inbound assistant, but VAPI had not shown its
     * digits by the wait limit: the line is saved "activation pending" and a later poll fills them in.
     */
    public boolean activationPending() {
        return usesFreeVapiNumber() && vapiPhoneNumberId != null && phoneNumber == null;
    }

    public OnboardingData withSetupDate(String date) {
        return copy().setupDate(date).build();
    }

    public OnboardingData withoutNumber() {
        return withNumber(null, null, null);
    }

    private OnboardingData withVapiPhoneNumber(String id) {
        return copy().vapiPhoneNumberId(id).build();
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** Changes a few fields of a copy, so each wither names only what it changes. */
    private static final class Copy {
        private final OnboardingData d;
        private String phoneNumber;
        private String numberSid;
        private String numberSource;
        private String inboundAssistantId;
        private String inboundAssistantName;
        private String outboundAssistantId;
        private String outboundAssistantName;
        private String vapiPhoneNumberId;
        private String setupDate;
        private NumberProvider numberProvider;
        private String freeNumberFallback;
        private AssistantTemplateRef inboundTemplate;
        private AssistantTemplateRef outboundTemplate;

        Copy(OnboardingData d) {
            this.d = d;
            phoneNumber = d.phoneNumber;
            numberSid = d.numberSid;
            numberSource = d.numberSource;
            inboundAssistantId = d.inboundAssistantId;
            inboundAssistantName = d.inboundAssistantName;
            outboundAssistantId = d.outboundAssistantId;
            outboundAssistantName = d.outboundAssistantName;
            vapiPhoneNumberId = d.vapiPhoneNumberId;
            setupDate = d.setupDate;
            numberProvider = d.numberProvider;
            freeNumberFallback = d.freeNumberFallback;
            inboundTemplate = d.inboundTemplate;
            outboundTemplate = d.outboundTemplate;
        }

        Copy phoneNumber(String value) {
            phoneNumber = value;
            return this;
        }

        Copy numberSid(String value) {
            numberSid = value;
            return this;
        }

        Copy numberSource(String value) {
            numberSource = value;
            return this;
        }

        Copy inboundAssistant(String id, String name, AssistantTemplateRef template) {
            inboundAssistantId = id;
            inboundAssistantName = name;
            inboundTemplate = template;
            return this;
        }

        Copy outboundAssistant(String id, String name, AssistantTemplateRef template) {
            outboundAssistantId = id;
            outboundAssistantName = name;
            outboundTemplate = template;
            return this;
        }

        Copy vapiPhoneNumberId(String value) {
            vapiPhoneNumberId = value;
            return this;
        }

        Copy setupDate(String value) {
            setupDate = value;
            return this;
        }

        Copy numberProvider(NumberProvider value) {
            numberProvider = value;
            return this;
        }

        Copy freeNumberFallback(String value) {
            freeNumberFallback = value;
            return this;
        }

        OnboardingData build() {
            return new OnboardingData(d.orgId, d.orgName, d.ownerEmail, d.country, d.areaCode, d.twilioCredentialId,
                    phoneNumber, numberSid, numberSource, inboundAssistantId, inboundAssistantName, outboundAssistantId,
                    outboundAssistantName, vapiPhoneNumberId, setupDate, numberProvider, d.requestedNumberSource,
                    d.ownNumber, freeNumberFallback, inboundTemplate, outboundTemplate);
        }
    }
}
