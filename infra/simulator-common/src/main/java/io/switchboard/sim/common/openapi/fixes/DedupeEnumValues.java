package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes repeated values from {@code enum} lists, keeping the first occurrence. JSON Schema requires enum values
 * to be unique and the validator's schema syntax check fails the first request that reaches such a schema
 * (e.g. a voice id listed twice). The set of allowed values is exactly the same afterwards.
 */
public final class DedupeEnumValues implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Schemas.forEach(document, (pointer, schema) -> {
            if (!(schema.get("enum") instanceof ArrayNode values)) {
                return;
            }
            Set<JsonNode> unique = new LinkedHashSet<>();
            values.forEach(unique::add);
            if (unique.size() != values.size()) {
                ArrayNode deduped = schema.putArray("enum");
                unique.forEach(deduped::add);
                changed.add(pointer + "/enum");
            }
        });
        return changed;
    }
}
