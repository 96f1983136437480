package io.switchboard.orchestrator.batches;

/**
 * Where a batch stands. {@code PLANNED}: a dry run, nothing started ({@code resume} runs it); {@code RUNNING}: the
 * runner starts its items; {@code PAUSED}: it starts none (started ones are still followed); {@code COMPLETED}: every
 * item finished, whatever its result; {@code CANCELLED}: items not started were skipped.
 */
public enum BatchStatus {
    PLANNED, RUNNING, PAUSED, COMPLETED, CANCELLED
}
