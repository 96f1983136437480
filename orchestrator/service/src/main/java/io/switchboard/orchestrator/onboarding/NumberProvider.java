package io.switchboard.orchestrator.onboarding;

/** Where an onboarding gets the organization's phone number. */
public enum NumberProvider {
    /** A pooled number, else one bought at Twilio and registered with VAPI. */
    TWILIO,
    /** A free VAPI number: no Twilio account involved, but it only shows its digits minutes after creation. */
    VAPI_FREE
}
