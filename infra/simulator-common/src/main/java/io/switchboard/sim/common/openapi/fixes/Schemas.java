package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Visits every Schema Object of an OpenAPI 3.0 document, following the places the specification allows one
 * (components, parameters, bodies, responses, headers, and inside schemas). Walking by structure rather than by
 * key name matters: a schema may declare a property called "examples" or "default", and that property's schema
 * must not be mistaken for the keyword.
 */
final class Schemas {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> COMBINATORS = List.of("allOf", "oneOf", "anyOf");

    private Schemas() {
    }

    /** Calls {@code visitor} with (JSON pointer, schema) for every schema object, parents before children. */
    static void forEach(ObjectNode document, BiConsumer<String, ObjectNode> visitor) {
        JsonNode components = document.path("components");
        eachValue(components.path("schemas"), "/components/schemas", (pointer, schema) -> schema(schema, pointer, visitor));
        eachValue(components.path("parameters"), "/components/parameters", (pointer, p) -> parameter(p, pointer, visitor));
        eachValue(components.path("requestBodies"), "/components/requestBodies", (pointer, b) -> content(b, pointer, visitor));
        eachValue(components.path("responses"), "/components/responses", (pointer, r) -> response(r, pointer, visitor));
        eachValue(components.path("headers"), "/components/headers", (pointer, h) -> parameter(h, pointer, visitor));
        eachValue(document.path("paths"), "/paths", (pathPointer, item) -> {
            eachIndexed(item.path("parameters"), pathPointer + "/parameters", (pointer, p) -> parameter(p, pointer, visitor));
            for (String method : METHODS) {
                JsonNode operation = item.path(method);
                if (!operation.isObject()) {
                    continue;
                }
                String operationPointer = pathPointer + "/" + method;
                eachIndexed(operation.path("parameters"), operationPointer + "/parameters", (pointer, p) -> parameter(p, pointer, visitor));
                content(operation.path("requestBody"), operationPointer + "/requestBody", visitor);
                eachValue(operation.path("responses"), operationPointer + "/responses", (pointer, r) -> response(r, pointer, visitor));
            }
        });
    }

    /** The schema a local {@code $ref} ("#/components/schemas/X") points at, or null. */
    static ObjectNode resolve(ObjectNode document, JsonNode maybeRef) {
        if (maybeRef == null || !maybeRef.path("$ref").isString()) {
            return maybeRef instanceof ObjectNode object ? object : null;
        }
        String ref = maybeRef.get("$ref").stringValue();
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = document.at(ref.substring(1));
        return target instanceof ObjectNode object ? object : null;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void schema(JsonNode node, String pointer, BiConsumer<String, ObjectNode> visitor) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        visitor.accept(pointer, schema);
        eachValue(schema.path("properties"), pointer + "/properties", (p, child) -> schema(child, p, visitor));
        schema(schema.get("items"), pointer + "/items", visitor);
        schema(schema.get("additionalProperties"), pointer + "/additionalProperties", visitor);
        schema(schema.get("not"), pointer + "/not", visitor);
        for (String combinator : COMBINATORS) {
            eachIndexed(schema.path(combinator), pointer + "/" + combinator, (p, child) -> schema(child, p, visitor));
        }
    }

    private static void parameter(JsonNode parameter, String pointer, BiConsumer<String, ObjectNode> visitor) {
        schema(parameter.get("schema"), pointer + "/schema", visitor);
        content(parameter, pointer, visitor);
    }

    private static void response(JsonNode response, String pointer, BiConsumer<String, ObjectNode> visitor) {
        content(response, pointer, visitor);
        eachValue(response.path("headers"), pointer + "/headers", (p, header) -> parameter(header, p, visitor));
    }

    private static void content(JsonNode holder, String pointer, BiConsumer<String, ObjectNode> visitor) {
        eachValue(holder.path("content"), pointer + "/content", (p, mediaType) -> schema(mediaType.get("schema"), p + "/schema", visitor));
    }

    private static void eachValue(JsonNode object, String pointer, BiConsumer<String, JsonNode> action) {
        if (!object.isObject()) {
            return;
        }
        // Copy first: fixes may add or remove members while we walk.
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
        members.forEach(e -> action.accept(pointer + "/" + escape(e.getKey()), e.getValue()));
    }

    private static void eachIndexed(JsonNode array, String pointer, BiConsumer<String, JsonNode> action) {
        if (!array.isArray()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            action.accept(pointer + "/" + i, array.get(i));
        }
    }
}
