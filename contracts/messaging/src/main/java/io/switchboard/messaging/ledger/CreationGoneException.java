package io.switchboard.messaging.ledger;

/**
 * The ledger records that this request created a resource, and the provider no longer has it: it was deleted after
 * it was made (the saga's own compensation, a later saga of the organization, ops). A request creates at most once,
 * so nothing is created again. Whoever deleted it meant it; and a saga that still waits for this request cannot be
 * told apart, at the worker, from one that took an earlier attempt's answer and moved on, for which a second resource
 * would belong to nobody (the short chaos run leaked a VAPI registration this way). Not retryable: the saga that still
 * waits compensates, and a new saga creates anew.
 */
public class CreationGoneException extends RuntimeException {
    public CreationGoneException(Creation creation) {
        super("the " + creation.kind() + " " + creation.resourceId() + " that request " + creation.requestId()
                + " created at " + creation.createdAt() + " is gone at the provider (deleted since);"
                + " a request creates at most once, so it is not created again");
    }
}
