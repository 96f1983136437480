package io.switchboard.saga.definition;

import java.time.Duration;

/**
 * Timeout and retries of one direction of a step. A timeout counts as a retryable failure: the command is sent
 * again with the same request id, which the worker absorbs if the first try did in fact go through.
 */
public record StepPolicy(Duration timeout, RetryPolicy retry) {
}
