package io.switchboard.orchestrator.reconcile;

/**
 * A paid resource a provider holds.
 *
 * @param kind    what it is ({@link Kind})
 * @param id      Twilio number SID or VAPI id
 * @param label   what a person recognises: the phone number, the assistant name
 * @param tag     what ties it to Switchboard: Twilio FriendlyName (owner tag), VAPI metadata switchboardRequestId
 * @param account the provider account that holds it: the platform's, or an organization's own Twilio account
 */
public record Resource(Kind kind, String id, String label, String tag, Account account) {
    public enum Kind { TWILIO_NUMBER, VAPI_ASSISTANT, VAPI_PHONE_NUMBER }

    /** In the platform's account. */
    public Resource(Kind kind, String id, String label, String tag) {
        this(kind, id, label, tag, Account.PLATFORM);
    }

    /**
     * Whose provider account: the platform's ({@code credentialId} null), or an organization's own Twilio account
     * stored as a tenant credential. Never a secret.
     */
    public record Account(String orgId, String credentialId, String accountSid) {
        public static final Account PLATFORM = new Account(null, null, null);

        public boolean platform() {
            return credentialId == null;
        }

        @Override
        public String toString() {
            return platform() ? "platform" : "org " + orgId + " credential " + credentialId;
        }
    }

    /** Switchboard's own tags: owner tags ({@code sb/org/…}, {@code sb/pool/…}, …) and the older {@code sb:<requestId>}. */
    public boolean taggedBySwitchboard() {
        return tag != null && (tag.startsWith("sb/") || tag.startsWith("sb:"));
    }
}
