package io.switchboard.orchestrator.api.security;

/** Who presented a valid bearer token. */
public sealed interface Caller {
    /** May call everything. */
    record Ops() implements Caller {
    }

    /** May only see and act on one organization. */
    record Organization(String orgId) implements Caller {
    }
}
