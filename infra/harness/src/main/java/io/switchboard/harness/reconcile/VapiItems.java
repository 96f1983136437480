package io.switchboard.harness.reconcile;

import tools.jackson.databind.JsonNode;

/** VAPI JSON (API or simulator admin view, same rendering) to {@link Resource}. */
final class VapiItems {
    private VapiItems() {
    }

    static Resource resource(Resource.Kind kind, JsonNode item) {
        String label = kind == Resource.Kind.VAPI_ASSISTANT ? item.path("name").asString()
                : item.path("number").asString(item.path("twilioPhoneNumber").asString(""));
        String tag = item.path("metadata").path("switchboardRequestId").asString("");
        return new Resource(kind, item.path("id").asString(), label, tag);
    }
}
