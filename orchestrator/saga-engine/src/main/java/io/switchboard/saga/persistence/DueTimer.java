package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.TimerKind;

import java.util.UUID;

/** A timer whose time has come, claimed by this orchestrator instance. */
public record DueTimer(long id, UUID sagaId, TimerKind kind, String step, Direction direction, int attempt) {
}
