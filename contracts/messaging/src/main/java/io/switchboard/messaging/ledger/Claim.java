package io.switchboard.messaging.ledger;

/**
 * What a worker is about to create: one resource of {@code kind} for one saga step request. Every attempt and every
 * redelivery of the step carries the same {@code requestId}, so they all meet on the same ledger row.
 *
 * @param kind   what is created, e.g. {@code vapi-assistant}; one request may create one resource of each kind
 * @param orgId  the organization the resource is created for (its owner)
 * @param sagaId the saga the request belongs to, for ops; may be {@code null}
 */
public record Claim(String requestId, String kind, String orgId, String sagaId) {
    public Claim {
        if (requestId == null || requestId.isBlank() || kind == null || kind.isBlank() || orgId == null || orgId.isBlank()) {
            throw new IllegalArgumentException("a claim needs a requestId, a kind and an orgId");
        }
    }
}
