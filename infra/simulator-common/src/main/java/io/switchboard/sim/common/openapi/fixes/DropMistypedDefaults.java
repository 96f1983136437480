package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes a schema's {@code default} when its value is not of the schema's own {@code type} (e.g. an array default
 * on a string, a string default on an object), which swagger-parser rejects ("default is not of type ...").
 * A default only documents what the server assumes when the field is absent; it never constrains validation, so
 * dropping it accepts nothing more. {@code null} is kept as a default of a {@code nullable} schema.
 */
public final class DropMistypedDefaults implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Schemas.forEach(document, (pointer, schema) -> {
            JsonNode type = schema.get("type");
            JsonNode value = schema.get("default");
            if (type != null && type.isString() && value != null && !matches(type.stringValue(), value, schema)) {
                schema.remove("default");
                changed.add(pointer + "/default");
            }
        });
        return changed;
    }

    private static boolean matches(String type, JsonNode value, ObjectNode schema) {
        if (value.isNull()) {
            return schema.path("nullable").isBoolean() && schema.get("nullable").booleanValue();
        }
        return switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }
}
