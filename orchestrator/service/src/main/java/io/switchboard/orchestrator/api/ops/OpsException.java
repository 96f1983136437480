package io.switchboard.orchestrator.api.ops;

import org.springframework.http.HttpStatus;

/** An ops request that cannot be done, with a message that tells the operator what to do instead. */
public class OpsException extends RuntimeException {
    private final HttpStatus status;

    public OpsException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
