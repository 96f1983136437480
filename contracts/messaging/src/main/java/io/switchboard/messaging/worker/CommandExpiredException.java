package io.switchboard.messaging.worker;

/**
 * A command ran out of time before a provider call: the saga no longer waits for this attempt. Never retried inside
 * the worker; the dispatcher answers {@code StepFailed(COMMAND_EXPIRED)} and the saga decides.
 */
public class CommandExpiredException extends RuntimeException {
    public CommandExpiredException(String message) {
        super(message);
    }
}
