package io.switchboard.contracts.wire;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;

import java.util.Map;
import java.util.Optional;

/** Classpath locations of the JSON Schemas that upstream services code against, by {@code ce_type}. */
public final class EventSchemas {
    private static final Map<String, String> BY_TYPE = Map.of(
            OrganizationApproved.TYPE, "/schemas/v1/organization-approved.schema.json",
            InboundAiChanged.TYPE, "/schemas/v1/inbound-ai-changed.schema.json");

    private EventSchemas() {
    }

    public static Optional<String> schemaResourceFor(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }
}
