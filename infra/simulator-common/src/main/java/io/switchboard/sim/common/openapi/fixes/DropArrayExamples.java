package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes {@code examples} arrays from Schema Objects. OpenAPI 3.0 schemas have only {@code example}; an
 * {@code examples} array there is JSON Schema 2019 / OpenAPI 3.1 syntax, and swagger-parser refuses the document
 * ("attribute ... examples is unexpected"). Examples never constrain validation, so nothing more is accepted.
 * Media-type and parameter {@code examples} are maps, not schemas, and are left alone.
 */
public final class DropArrayExamples implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Schemas.forEach(document, (pointer, schema) -> {
            if (schema.path("examples").isArray()) {
                schema.remove("examples");
                changed.add(pointer + "/examples");
            }
        });
        return changed;
    }
}
