package io.switchboard.sim.vapi;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A VAPI assistant. VAPI keeps whatever configuration the client sent (model, voice, metadata, ...) and echoes
 * it back, so the client's fields are kept verbatim in {@code fields}.
 */
public record Assistant(String id, String orgId, Instant createdAt, Instant updatedAt, ObjectNode fields) {

    public Assistant {
        fields = fields.deepCopy(); // callers must not be able to change stored state
    }

    public String name() {
        JsonNode name = fields.get("name");
        return name != null && name.isString() ? name.stringValue() : null;
    }

    /** The client's metadata object (e.g. the org id), or a missing node. */
    public JsonNode metadata() {
        return fields.path("metadata");
    }

    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }
}
