package io.switchboard.harness.reconcile;

/**
 * A paid resource a provider holds.
 *
 * @param kind  what it is ({@link Kind})
 * @param id    Twilio number SID or VAPI id
 * @param label what a person recognises: the phone number, the assistant name
 * @param tag   what ties it to the request that created it: Twilio FriendlyName, VAPI metadata switchboardRequestId
 */
public record Resource(Kind kind, String id, String label, String tag) {
    public enum Kind { TWILIO_NUMBER, VAPI_ASSISTANT, VAPI_PHONE_NUMBER }
}
