package io.switchboard.credentials;

import java.time.Instant;

/** A stored credential without its secret: what may be listed, logged and returned by an API. */
public record TenantCredential(String id, String orgId, String provider, String accountSid, long keyId,
                               Instant createdAt, Instant rotatedAt) {
}
