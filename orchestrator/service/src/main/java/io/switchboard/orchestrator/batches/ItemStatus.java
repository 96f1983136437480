package io.switchboard.orchestrator.batches;

/**
 * One organization's part of a batch. {@code PENDING}: not started; {@code STARTED}: its request is queued
 * (waiting behind the organization's saga, or its saga runs); then {@code SUCCEEDED} (the saga completed),
 * {@code FAILED} (the saga was undone or parked, with its failed step and reason) or {@code SKIPPED} (nothing to do,
 * or the intake ignored it, with the reason).
 */
public enum ItemStatus {
    PENDING, STARTED, SUCCEEDED, FAILED, SKIPPED
}
