package io.switchboard.messaging.worker;

/** What a handler knows about the command it is executing besides its body. */
public record CommandContext(String sagaId, String step, int attempt, String commandId) {
}
