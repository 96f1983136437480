package io.switchboard.cli;

/** The orchestrator refused a request or could not be reached; the message is meant for the operator. */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** HTTP status, or 0 when the orchestrator could not be reached. */
    public int status() {
        return status;
    }
}
