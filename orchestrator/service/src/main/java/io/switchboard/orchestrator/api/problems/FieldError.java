package io.switchboard.orchestrator.api.problems;

/**
 * One thing wrong with one field of a request (body member or query parameter), in the {@code errors} member of an
 * {@code invalid-request} problem. The rejected value is never repeated: it may be a secret (an auth token).
 *
 * @param field   the field's JSON path ({@code count}, {@code offsets[1]}) or parameter name
 * @param message what it must be, e.g. "must be between 1 and 100"
 */
public record FieldError(String field, String message) {
}
