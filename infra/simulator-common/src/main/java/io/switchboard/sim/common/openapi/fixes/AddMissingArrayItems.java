package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives {@code items: {}} to array schemas that declare none. OpenAPI 3.0 requires {@code items} on arrays and
 * swagger-parser refuses the document without it ("items is missing"); in JSON Schema an absent {@code items} and
 * the empty schema {@code {}} both allow any element, so the meaning is unchanged and nothing more is accepted.
 */
public final class AddMissingArrayItems implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Schemas.forEach(document, (pointer, schema) -> {
            if ("array".equals(schema.path("type").stringValue(null)) && !schema.has("items")) {
                schema.putObject("items");
                changed.add(pointer + "/items");
            }
        });
        return changed;
    }
}
