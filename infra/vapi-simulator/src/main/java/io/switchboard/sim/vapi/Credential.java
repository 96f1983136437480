package io.switchboard.sim.vapi;

import java.time.Instant;

/** A stored Twilio credential. The auth token / API secret is accepted on create and then forgotten. */
public record Credential(String id, String orgId, String provider, String accountSid, String name,
                         Instant createdAt, Instant updatedAt) {
}
