package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;

import java.util.UUID;

/** A step's timer that was due when the poller looked. */
public record DueTimer(UUID sagaId, TimerKind kind, String step, Direction direction, int attempt) {
}
