package io.switchboard.messaging.ledger;

import java.time.Instant;

/**
 * One row of a worker's creation ledger.
 *
 * @param claimedAt  when the first attempt claimed the request (worker clock): nothing of this request can have been
 *                   created at the provider before it, which bounds the look-up of an in-doubt create
 * @param createdAt  when the provider's answer was recorded, or {@code null} while {@link CreationStatus#PENDING}
 * @param resourceId the provider's id of what was created, or {@code null} while pending
 */
public record Creation(
        String requestId,
        String kind,
        String orgId,
        String sagaId,
        CreationStatus status,
        Instant claimedAt,
        Instant createdAt,
        String resourceId) {

    public boolean isCreated() {
        return status == CreationStatus.CREATED;
    }
}
