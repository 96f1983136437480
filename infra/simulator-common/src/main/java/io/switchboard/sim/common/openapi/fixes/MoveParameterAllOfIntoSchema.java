package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves an {@code allOf} written on a Parameter Object (where OpenAPI allows no such field, so swagger-parser
 * refuses the document: "parameters.[x].allOf is unexpected") into that parameter's {@code schema}. The document
 * puts it next to an empty {@code schema}, evidently meaning "the value must match these schemas". Before the fix
 * the parameter's only schema is the empty one, which allows anything; after it the value must also match the
 * {@code allOf}, so nothing more is accepted.
 */
public final class MoveParameterAllOfIntoSchema implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Operations.forEach(document, (path, item, method, operation) ->
                Operations.forEachParameter(operation, (index, parameter) -> {
                    JsonNode allOf = parameter.remove("allOf");
                    if (allOf == null) {
                        return;
                    }
                    ObjectNode schema = parameter.get("schema") instanceof ObjectNode existing
                            ? existing : parameter.putObject("schema");
                    ArrayNode combined = schema.get("allOf") instanceof ArrayNode present ? present : schema.putArray("allOf");
                    allOf.forEach(combined::add);
                    changed.add(Operations.pointer(path, method) + "/parameters/" + index + "/schema/allOf");
                }));
        return changed;
    }
}
