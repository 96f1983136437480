package io.switchboard.saga.engine;

import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.saga.definition.CommandRequest;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.TimerKind;

import java.time.Instant;

/**
 * What the saga engine wants done after a state change. The engine itself performs no I/O: the caller writes these
 * effects in the same transaction as the new state (commands and events into the outbox, timers into the timer
 * table), which is what makes a crash at any point safe.
 */
public sealed interface Effect {
    /** {@code deadline}: when this attempt's step timeout fires; workers do not act on the command after it. */
    record SendCommand(CommandRequest request, String step, Direction direction, int attempt, Instant deadline)
            implements Effect {
    }

    record ScheduleTimer(TimerKind kind, String step, Direction direction, int attempt, Instant fireAt) implements Effect {
    }

    record CancelTimers(String step, Direction direction) implements Effect {
    }

    record PublishSagaEvent(SagaEvent.Kind kind, String step, String detail) implements Effect {
    }

    /** The saga reached a state in which the organization may start its next saga. */
    record SagaEnded() implements Effect {
    }
}
