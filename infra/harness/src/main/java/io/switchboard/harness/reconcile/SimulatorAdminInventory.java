package io.switchboard.harness.reconcile;

import io.switchboard.orchestrator.reconcile.Inventory;
import io.switchboard.orchestrator.reconcile.Resource;
import io.switchboard.orchestrator.reconcile.VapiItems;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists through the simulators' {@code GET /__admin/inventory} (loopback only, no credentials): complete, whatever the
 * count, unlike VAPI's 1000-item list endpoints. For tests and the chaos harness, with the product's reconciler
 * ({@code io.switchboard.orchestrator.reconcile}; ops use {@code switchboard reconcile}).
 */
public record SimulatorAdminInventory(String twilioUrl, String vapiUrl) implements Inventory {

    @Override
    public Listing list() {
        List<Resource> all = new ArrayList<>();
        JsonNode twilio = Http.getJson(twilioUrl + "/__admin/inventory", null);
        String platform = twilio.path("platformAccount").asString();
        for (JsonNode n : twilio.path("incomingPhoneNumbers")) {
            // Which account holds a number decides what it can be: a trial account's handed-back number is its own.
            String account = n.path("accountSid").asString();
            all.add(new Resource(Resource.Kind.TWILIO_NUMBER, n.path("sid").asString(), n.path("phoneNumber").asString(),
                    n.path("friendlyName").asString(""),
                    account.equals(platform) ? Resource.Account.PLATFORM : Resource.Account.other(account)));
        }
        JsonNode vapi = Http.getJson(vapiUrl + "/__admin/inventory", null);
        vapi.path("assistants").forEach(a -> all.add(VapiItems.resource(Resource.Kind.VAPI_ASSISTANT, a)));
        vapi.path("phoneNumbers").forEach(p -> all.add(VapiItems.resource(Resource.Kind.VAPI_PHONE_NUMBER, p)));
        return Listing.complete(all);
    }

    @Override
    public String source() {
        return "simulator admin inventories (" + twilioUrl + "/__admin/inventory, " + vapiUrl + "/__admin/inventory)";
    }
}
