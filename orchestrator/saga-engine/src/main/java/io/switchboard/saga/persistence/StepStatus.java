package io.switchboard.saga.persistence;

/** The state of one direction (action or compensation) of one step. */
public enum StepStatus {
    /** Command sent (or local action running), waiting for the reply or the timeout. */
    RUNNING,
    /** Last attempt failed retryably; a durable timer will send the next attempt. */
    WAITING_RETRY,
    SUCCEEDED,
    FAILED,
    /** Not needed for this saga's data (condition false, or nothing of ours to undo). */
    SKIPPED;

    public boolean inFlight() {
        return this == RUNNING || this == WAITING_RETRY;
    }

    public boolean done() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
