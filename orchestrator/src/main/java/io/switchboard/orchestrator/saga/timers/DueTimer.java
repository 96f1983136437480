package io.switchboard.orchestrator.saga.timers;

import io.switchboard.orchestrator.saga.definition.Direction;
import io.switchboard.orchestrator.saga.engine.Effect.TimerKind;

import java.util.UUID;

/** A timer whose time has come, claimed by this orchestrator instance. */
public record DueTimer(long id, UUID sagaId, TimerKind kind, String step, Direction direction, int attempt) {
}
