package io.switchboard.cli;

import tools.jackson.databind.JsonNode;

/** Small helpers over Jackson trees: absent and null both read as null. */
final class Json {
    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    static long number(JsonNode node, String field, long fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? fallback : value.asLong();
    }

    /** One line: for streams of JSON (one object per line) that scripts read as they come. */
    static String compact(Object node) {
        return ApiClient.JSON.writeValueAsString(node);
    }

    static String pretty(JsonNode node) {
        return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
