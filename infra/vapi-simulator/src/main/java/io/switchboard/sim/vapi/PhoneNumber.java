package io.switchboard.sim.vapi;

import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A VAPI phone number: an imported Twilio number ({@code provider "twilio"}) or a free VAPI number
 * ({@code provider "vapi"}), which is "activating" without a number until {@code activatesAt}.
 * No secret (Twilio auth token, API secret, SIP password) is ever stored.
 *
 * @param number   for free numbers: the number that will be shown once active
 * @param extras   other non-secret fields the client set (server, fallbackDestination, hooks, smsEnabled, ...)
 */
public record PhoneNumber(
        String id,
        String orgId,
        String provider,
        String number,
        String status,
        String name,
        String assistantId,
        String twilioAccountSid,
        String numberDesiredAreaCode,
        Instant createdAt,
        Instant updatedAt,
        Instant activatesAt,
        ObjectNode extras) {

    /** Non-secret request fields kept in {@code extras} and echoed verbatim, as VAPI returns what was set. */
    static final Set<String> ECHOED_FIELDS = Set.of(
            "fallbackDestination", "hooks", "smsEnabled", "workflowId", "squadId", "server", "sipUri");

    public PhoneNumber {
        extras = extras.deepCopy();
    }

    @Override
    public ObjectNode extras() {
        return extras.deepCopy();
    }

    public boolean isActive() {
        return "active".equals(status);
    }

    /** The number as the API shows it: free numbers have none until they are active. */
    public String visibleNumber() {
        return isActive() || "twilio".equals(provider) ? number : null;
    }

    PhoneNumber activatedIfDue(Instant now) {
        if (!"activating".equals(status) || now.isBefore(activatesAt)) {
            return this;
        }
        return new PhoneNumber(id, orgId, provider, number, "active", name, assistantId, twilioAccountSid,
                numberDesiredAreaCode, createdAt, activatesAt, activatesAt, extras);
    }

    PhoneNumber patched(String newName, String newAssistantId, ObjectNode newExtras, Instant now) {
        return new PhoneNumber(id, orgId, provider, number, status, newName, newAssistantId, twilioAccountSid,
                numberDesiredAreaCode, createdAt, now, activatesAt, newExtras);
    }
}
