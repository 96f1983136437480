package io.switchboard.messaging.ledger;

/**
 * Another worker held the claim of this request for longer than the ledger's lock timeout (it is creating the same
 * resource right now, e.g. after a consumer-group rebalance handed the same command to two consumers). Nothing was
 * done; retrying the step later is safe and will find what the other worker created.
 */
public class CreationInProgressException extends RuntimeException {
    public CreationInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
