package io.switchboard.orchestrator.console;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shows data on a page without its secrets. No message Switchboard sends carries one (credentials travel as ids), so
 * this is a second line: any member or header whose name says it holds a secret is masked wherever it turns up
 * (a future field, a dead letter from a misbehaving upstream service), and JSON is pretty-printed.
 */
final class Redaction {
    static final String MASK = "•••• (hidden)";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passwd|api[-_]?key|authorization|private[-_]?key|sb_mac).*");

    private final JsonMapper mapper;

    Redaction(JsonMapper mapper) {
        this.mapper = mapper;
    }

    static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Pretty JSON of a decoded value (maps, lists, scalars), secrets masked; null for null. */
    String json(Object value) {
        if (value == null) {
            return null;
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mask(mapper.valueToTree(value)));
    }

    /** Pretty JSON when the text is JSON, secrets masked; otherwise the text as it is. */
    String text(String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && (node.isObject() || node.isArray())) {
                return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mask(node));
            }
        } catch (RuntimeException e) {
            // not JSON: shown as sent
        }
        return body;
    }

    Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, isSecretName(name) ? MASK : value));
        return shown;
    }

    private JsonNode mask(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                if (isSecretName(name) && !object.get(name).isNull()) {
                    object.put(name, MASK);
                } else {
                    mask(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::mask);
        }
        return node;
    }
}
