package io.switchboard.sim.common.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Turns an application/x-www-form-urlencoded body into the JSON object its schema describes, typing each value by
 * the type the schema declares for that field.
 * <p>
 * Why not let the library parse the form: it guesses types from the text, so "+14155550100" and "415" become
 * numbers, "true" a boolean and "null" a null, and a string field then fails its type check with a value that is
 * a perfectly good string on the wire. Whitelisting those type errors would also skip the field's other checks
 * (pattern, length, enum) for such values. Typing by the schema is what the provider's own form decoding does:
 * every form value is text, and only fields declared boolean, integer or number are read as such. A value that
 * does not parse as its declared type stays text, so the type check reports it.
 */
final class FormBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenAPI api;

    FormBodies(OpenAPI api) {
        this.api = api;
    }

    JsonNode toJson(Map<String, List<String>> form, Schema<?> formSchema) {
        Map<String, Schema> properties = properties(resolve(formSchema));
        ObjectNode json = NODES.objectNode();
        form.forEach((name, values) -> {
            Schema<?> property = resolve(properties.get(name));
            String type = property == null ? null : property.getType();
            if ("array".equals(type)) {
                Schema<?> items = resolve(property.getItems());
                ArrayNode array = json.putArray(name);
                values.forEach(v -> array.add(typed(v, items == null ? null : items.getType())));
            } else if (values.size() == 1) {
                json.set(name, typed(values.get(0), type));
            } else {
                // A repeated field that is not an array: keep every value so the type check reports it.
                ArrayNode array = json.putArray(name);
                values.forEach(v -> array.add(typed(v, type)));
            }
        });
        return json;
    }

    private static JsonNode typed(String value, String type) {
        if (type == null) {
            return NODES.textNode(value);
        }
        return switch (type) {
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                    ? NODES.booleanNode(Boolean.parseBoolean(value)) : NODES.textNode(value);
            case "integer" -> parsed(value, () -> NODES.numberNode(Long.parseLong(value)));
            case "number" -> parsed(value, () -> NODES.numberNode(new BigDecimal(value)));
            default -> NODES.textNode(value);
        };
    }

    private static JsonNode parsed(String value, java.util.function.Supplier<JsonNode> parse) {
        try {
            return parse.get();
        } catch (NumberFormatException notANumber) {
            return NODES.textNode(value);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> properties(Schema<?> schema) {
        return schema == null || schema.getProperties() == null ? Map.of() : schema.getProperties();
    }

    /** Follows one local {@code $ref}: the document is loaded with references unresolved. */
    private Schema<?> resolve(Schema<?> schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null : api.getComponents().getSchemas().get(name);
    }
}
