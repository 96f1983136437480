package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;

import java.time.Instant;

/** Every field of a {@link SagaStep} as it is stored, by name: what {@link StepsColumn} writes and reads. */
record StoredStep(String name, Direction direction, StepStatus status, int attempt, String commandType,
                  String inputJson, String replyType, String outputJson, String errorCode, String errorMessage,
                  Instant startedAt, Instant attemptStartedAt, Instant finishedAt, TimerKind timerKind, Instant fireAt,
                  int unstartedAttempts, int lastUnstartedAttempt) {
}
