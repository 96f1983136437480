package io.switchboard.orchestrator.reconcile;

import tools.jackson.databind.JsonNode;

/** VAPI JSON (the API, or the simulator's admin view, which renders the same) to {@link Resource}. */
public final class VapiItems {
    private VapiItems() {
    }

    public static Resource resource(Resource.Kind kind, JsonNode item) {
        String label = kind == Resource.Kind.VAPI_ASSISTANT ? item.path("name").asString()
                : item.path("number").asString(item.path("twilioPhoneNumber").asString(""));
        String tag = item.path("metadata").path("switchboardRequestId").asString("");
        return new Resource(kind, item.path("id").asString(), label, tag);
    }
}
