package io.switchboard.saga.persistence;

/** What a durable timer does when it fires. */
public enum TimerKind {
    /** The attempt took too long: counts as a retryable failure. */
    STEP_TIMEOUT,
    /** Backoff elapsed: send the next attempt. */
    RETRY
}
