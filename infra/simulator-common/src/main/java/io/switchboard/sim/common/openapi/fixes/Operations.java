package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Visits the Operation Objects of a document with their pointers: {@code /paths/~1call~1{id}/delete}. */
final class Operations {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private Operations() {
    }

    /** Calls {@code visitor} with (path template, path item, method, operation). */
    static void forEach(ObjectNode document, Visitor visitor) {
        JsonNode paths = document.path("paths");
        if (!paths.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> path : new ArrayList<>(paths.properties())) {
            if (!(path.getValue() instanceof ObjectNode item)) {
                continue;
            }
            for (String method : METHODS) {
                if (item.get(method) instanceof ObjectNode operation) {
                    visitor.visit(path.getKey(), item, method, operation);
                }
            }
        }
    }

    static String pointer(String pathTemplate, String method) {
        return "/paths/" + Schemas.escape(pathTemplate) + "/" + method;
    }

    @FunctionalInterface
    interface Visitor {
        void visit(String pathTemplate, ObjectNode pathItem, String method, ObjectNode operation);
    }

    static void forEachParameter(ObjectNode operation, BiConsumer<Integer, ObjectNode> action) {
        JsonNode parameters = operation.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof ObjectNode parameter) {
                action.accept(i, parameter);
            }
        }
    }
}
