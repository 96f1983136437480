package io.switchboard.harness.reconcile;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists through the simulators' {@code GET /__admin/inventory} (loopback only, no credentials): complete, whatever the
 * count, unlike VAPI's 1000-item list endpoints. For local stacks, tests and the chaos harness.
 */
public record SimulatorAdminInventory(String twilioUrl, String vapiUrl) implements Inventory {

    @Override
    public List<Resource> list() {
        List<Resource> all = new ArrayList<>();
        for (JsonNode n : Http.getJson(twilioUrl + "/__admin/inventory", null).path("incomingPhoneNumbers")) {
            all.add(new Resource(Resource.Kind.TWILIO_NUMBER, n.path("sid").asString(), n.path("phoneNumber").asString(),
                    n.path("friendlyName").asString("")));
        }
        JsonNode vapi = Http.getJson(vapiUrl + "/__admin/inventory", null);
        vapi.path("assistants").forEach(a -> all.add(VapiItems.resource(Resource.Kind.VAPI_ASSISTANT, a)));
        vapi.path("phoneNumbers").forEach(p -> all.add(VapiItems.resource(Resource.Kind.VAPI_PHONE_NUMBER, p)));
        return all;
    }

    @Override
    public String source() {
        return "simulator admin inventories (" + twilioUrl + "/__admin/inventory, " + vapiUrl + "/__admin/inventory)";
    }
}
