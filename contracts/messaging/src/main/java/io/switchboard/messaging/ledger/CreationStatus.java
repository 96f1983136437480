package io.switchboard.messaging.ledger;

/** Where one create stands in the {@link CreationLedger}. */
public enum CreationStatus {
    /**
     * Claimed; no attempt has recorded a provider answer. An attempt may still have created the resource (it timed
     * out, or the worker died between the provider's answer and the record), so a later attempt looks it up first.
     */
    PENDING,
    /** The provider answered with the resource's id, recorded in {@link Creation#resourceId()}. */
    CREATED
}
