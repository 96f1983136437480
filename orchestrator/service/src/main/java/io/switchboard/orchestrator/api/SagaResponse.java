package io.switchboard.orchestrator.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/sagas/{id}}: a saga with its full step history. */
public record SagaResponse(
        String id,
        String type,
        int definitionVersion,
        String orgId,
        String state,
        String failedStep,
        String failureReason,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        List<Step> steps) {

    /**
     * @param attempts        attempts made so far
     * @param countedAttempts of those, the ones that count against the step's attempts: attempts a worker refused
     *                        unstarted (it got them too late, e.g. after a restart) do not
     * @param attemptStartedAt when the latest attempt started ({@code startedAt} for the first)
     */
    public record Step(
            String name,
            String direction,
            String status,
            int attempts,
            int countedAttempts,
            String commandType,
            Object input,
            String replyType,
            Object output,
            String errorCode,
            String errorMessage,
            Instant startedAt,
            Instant finishedAt,
            Long durationMillis,
            Instant attemptStartedAt) {
    }
}
