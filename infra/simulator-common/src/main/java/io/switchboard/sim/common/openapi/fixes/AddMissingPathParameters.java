package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Declares a path template variable on an operation that forgot it (swagger-parser refuses the document:
 * "Declared path parameter id needs to be defined as a path parameter"), by copying the declaration a sibling
 * operation of the same path gives it, e.g. {@code DELETE /call/{id}} gets {@code GET /call/{id}}'s {@code id}.
 * The value is in the URL either way; the copy makes it checked against the same schema as on the sibling, which
 * can only reject more. A variable no sibling declares is left alone, so the load still fails for a person to decide.
 */
public final class AddMissingPathParameters implements DocumentFix {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Operations.forEach(document, (path, item, method, operation) -> {
            Matcher variables = VARIABLE.matcher(path);
            while (variables.find()) {
                String name = variables.group(1);
                if (declares(item, name) || declares(operation, name)) {
                    continue;
                }
                JsonNode sibling = siblingDeclaration(item, name);
                if (sibling != null) {
                    JsonNode parameters = operation.get("parameters");
                    (parameters instanceof ArrayNode list ? list : operation.putArray("parameters")).add(sibling.deepCopy());
                    changed.add(Operations.pointer(path, method) + "/parameters");
                }
            }
        });
        return changed;
    }

    private static boolean declares(JsonNode holder, String name) {
        for (JsonNode parameter : holder.path("parameters")) {
            if ("path".equals(parameter.path("in").stringValue(null)) && name.equals(parameter.path("name").stringValue(null))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode siblingDeclaration(ObjectNode pathItem, String name) {
        for (String method : Operations.METHODS) {
            for (JsonNode parameter : pathItem.path(method).path("parameters")) {
                if ("path".equals(parameter.path("in").stringValue(null)) && name.equals(parameter.path("name").stringValue(null))) {
                    return parameter;
                }
            }
        }
        return null;
    }
}
