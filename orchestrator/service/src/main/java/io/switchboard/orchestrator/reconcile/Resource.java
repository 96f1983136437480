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
     * Whose provider account: the platform's (all null), or an organization's own Twilio account stored as a tenant
     * credential, or — in a listing that sees every account at once (the simulators' admin view) — another account
     * known only by its SID. Never a secret.
     */
    public record Account(String orgId, String credentialId, String accountSid) {
        public static final Account PLATFORM = new Account(null, null, null);

        /** An account other than the platform's, seen without the credential that reads it. */
        public static Account other(String accountSid) {
            return new Account(null, null, accountSid);
        }

        public boolean platform() {
            return credentialId == null && accountSid == null;
        }

        @Override
        public String toString() {
            return platform() ? "platform" : credentialId == null ? "account " + accountSid
                    : "org " + orgId + " credential " + credentialId;
        }
    }

    /** Switchboard's own tags: owner tags ({@code sb/org/…}, {@code sb/pool/…}, …) and the older {@code sb:<requestId>}. */
    public boolean taggedBySwitchboard() {
        return tag != null && (tag.startsWith("sb/") || tag.startsWith("sb:"));
    }
}
