package io.switchboard.contracts.events;

/** An event published by upstream services on {@link io.switchboard.contracts.wire.Topics#ORG_EVENTS}. */
public sealed interface OrganizationEvent permits OrganizationApproved, InboundAiChanged {
    String orgId();
}
