package io.switchboard.sim.common.openapi.fixes;

import io.switchboard.sim.common.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/** Small documents for the fix tests, written as JSON with single quotes for readability. */
final class FixesTestSupport {

    private FixesTestSupport() {
    }

    static ObjectNode document(String json) {
        return (ObjectNode) Json.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
