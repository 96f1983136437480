package io.switchboard.sim.twilio;

import java.time.Instant;

/** A number an account owns (Twilio's IncomingPhoneNumber resource). */
public record IncomingNumber(
        String sid,
        String accountSid,
        String phoneNumber,
        String friendlyName,
        String type,
        Capabilities capabilities,
        Webhooks webhooks,
        Instant dateCreated,
        Instant dateUpdated) {

    IncomingNumber update(String newFriendlyName, Webhooks newWebhooks, Instant now) {
        return new IncomingNumber(sid, accountSid, phoneNumber, newFriendlyName, type, capabilities, newWebhooks,
                dateCreated, now);
    }
}
