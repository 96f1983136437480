package io.switchboard.sim.common.openapi.fixes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds a parameter an operation declares twice (same {@code name} and {@code in}; swagger-parser refuses the
 * document: "There are duplicate parameter values") into its first declaration. On the wire it is one parameter,
 * so both declarations apply: the first keeps its place and gains every schema keyword only the later one has
 * (e.g. a {@code maxLength}), and becomes required if either is. That is at least as strict as each declaration.
 * Two declarations that give one keyword different values cannot both be honoured: that fails the load, so a
 * person decides.
 */
public final class MergeDuplicateParameters implements DocumentFix {

    @Override
    public List<String> apply(ObjectNode document) {
        List<String> changed = new ArrayList<>();
        Operations.forEach(document, (path, item, method, operation) -> {
            if (!(operation.get("parameters") instanceof ArrayNode parameters)) {
                return;
            }
            Map<String, ObjectNode> first = new LinkedHashMap<>();
            List<Integer> duplicates = new ArrayList<>();
            Operations.forEachParameter(operation, (index, parameter) -> {
                String key = parameter.path("in").stringValue("") + ":" + parameter.path("name").stringValue("");
                ObjectNode kept = first.putIfAbsent(key, parameter);
                if (kept != null) {
                    merge(kept, parameter, Operations.pointer(path, method) + "/parameters/" + index);
                    duplicates.add(index);
                }
            });
            for (int i = duplicates.size() - 1; i >= 0; i--) {
                int index = duplicates.get(i);
                parameters.remove(index);
                changed.add(Operations.pointer(path, method) + "/parameters/" + index);
            }
        });
        return changed;
    }

    private static void merge(ObjectNode kept, ObjectNode duplicate, String pointer) {
        if (duplicate.path("required").isBoolean() && duplicate.get("required").booleanValue()) {
            kept.put("required", true);
        }
        JsonNode extra = duplicate.path("schema");
        ObjectNode schema = kept.get("schema") instanceof ObjectNode existing ? existing : kept.putObject("schema");
        for (var keyword : extra.properties()) {
            JsonNode mine = schema.get(keyword.getKey());
            if (mine == null) {
                schema.set(keyword.getKey(), keyword.getValue().deepCopy());
            } else if (!mine.equals(keyword.getValue()) && !isDocumentation(keyword.getKey())) {
                throw new IllegalStateException("duplicate parameter " + pointer + " conflicts with its first declaration on '"
                        + keyword.getKey() + "': review the document");
            }
        }
    }

    /** Keywords that describe a value without constraining it. */
    private static boolean isDocumentation(String keyword) {
        return keyword.equals("description") || keyword.equals("example") || keyword.equals("title");
    }
}
