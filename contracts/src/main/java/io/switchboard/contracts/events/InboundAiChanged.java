package io.switchboard.contracts.events;

/**
 * The organization's {@code inboundAi} setting changed. {@code true} gives it a working line (reusing existing
 * assistants), {@code false} takes the line away (assistants are kept).
 */
public record InboundAiChanged(String orgId, boolean inboundAi) implements OrganizationEvent {
    public static final String TYPE = "io.switchboard.org.InboundAiChanged.v1";
}
