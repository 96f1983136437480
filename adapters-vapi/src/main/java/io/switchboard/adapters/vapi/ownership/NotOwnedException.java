package io.switchboard.adapters.vapi.ownership;

/**
 * A VAPI resource the command would adopt, re-bind or delete is not its organization's. Nothing was changed. The
 * message says what was found (ids, names, owners, never a secret) and becomes the {@code StepFailed} message.
 */
public class NotOwnedException extends RuntimeException {
    public NotOwnedException(String message) {
        super(message);
    }
}
