package io.switchboard.contracts.commands;

/**
 * A request from the orchestrator to one worker to perform one saga step (or its compensation).
 * Every command carries the organization id and a {@code requestId} that is the same for every redelivery and
 * retry of that step, so workers can make the external effect happen at most once.
 */
public interface Command {
    String orgId();

    /** Deterministic per saga step: {@code {sagaId}:{step}}. Workers tag provider resources with it. */
    String requestId();
}
