package io.switchboard.orchestrator.api.ops;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.saga.persistence.SagaState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which sagas an ops request is about. Every field is optional; {@code createdBefore} comes from
 * {@code olderThan}, given as an ISO duration ({@code PT1H}, {@code P2D}: created more than that long ago) or an
 * instant ({@code 2025-01-31T12:00:00Z}: created before it). A value that is not valid is an {@code invalid-request}
 * problem naming the field.
 */
public record SagaFilter(String type, SagaState state, String orgId, String failedStep, Instant createdBefore,
                         int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public SagaFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiProblem.invalid("offset", "must not be negative");
        }
    }

    public static SagaFilter parse(String type, String state, String orgId, String failedStep, String olderThan,
                                   Integer limit, Integer offset, Clock clock) {
        return new SagaFilter(blankToNull(type), state(state), blankToNull(orgId), blankToNull(failedStep),
                cutoff(olderThan, clock), limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
    }

    public SagaFilter withState(SagaState value) {
        return new SagaFilter(type, value, orgId, failedStep, createdBefore, limit, offset);
    }

    private static SagaState state(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return SagaState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("state", "must be one of " + java.util.Arrays.toString(SagaState.values()));
        }
    }

    private static Instant cutoff(String olderThan, Clock clock) {
        if (blankToNull(olderThan) == null) {
            return null;
        }
        String value = olderThan.trim();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                Duration age = Duration.parse(value);
                return clock.instant().minus(age);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("olderThan", "must be an ISO duration like PT1H or P2D, "
                    + "or an instant like 2025-01-31T12:00:00Z, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
