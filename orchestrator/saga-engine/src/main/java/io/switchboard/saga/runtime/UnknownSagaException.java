package io.switchboard.saga.runtime;

import java.util.UUID;

public class UnknownSagaException extends RuntimeException {
    public UnknownSagaException(UUID sagaId) {
        super("No saga " + sagaId);
    }
}
