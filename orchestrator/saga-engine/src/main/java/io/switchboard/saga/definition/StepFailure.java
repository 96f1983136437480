package io.switchboard.saga.definition;

/** An expected failure of a local step, handled by the step's retry policy like a worker's StepFailed reply. */
public class StepFailure extends Exception {
    private final String errorCode;
    private final boolean retryable;

    public StepFailure(String errorCode, String message, boolean retryable) {
        super(message);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
