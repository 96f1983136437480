package io.switchboard.harness.reconcile;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists through the providers' own REST APIs with the platform credentials — works against api.twilio.com and
 * api.vapi.ai as well as the simulators. Twilio pages with next_page_uri; VAPI's list endpoints return at most
 * 1000 items, so a full page is reported as possibly incomplete (use the admin inventory against the simulators).
 */
public record ProviderApiInventory(String twilioUrl, String accountSid, String authToken, String vapiUrl, String vapiKey)
        implements Inventory {

    public static final int VAPI_MAX_LIMIT = 1000;

    @Override
    public List<Resource> list() {
        List<Resource> all = new ArrayList<>(twilioNumbers());
        all.addAll(vapi("/assistant", Resource.Kind.VAPI_ASSISTANT));
        all.addAll(vapi("/phone-number", Resource.Kind.VAPI_PHONE_NUMBER));
        return all;
    }

    @Override
    public String source() {
        return "provider APIs (" + twilioUrl + ", " + vapiUrl + ")";
    }

    private List<Resource> twilioNumbers() {
        List<Resource> numbers = new ArrayList<>();
        String next = "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json?PageSize=1000";
        while (next != null && !next.isEmpty()) {
            JsonNode page = Http.getJson(twilioUrl + next, Http.basic(accountSid, authToken));
            for (JsonNode n : page.path("incoming_phone_numbers")) {
                numbers.add(new Resource(Resource.Kind.TWILIO_NUMBER, n.path("sid").asString(),
                        n.path("phone_number").asString(), n.path("friendly_name").asString()));
            }
            JsonNode nextUri = page.path("next_page_uri");
            next = nextUri.isNull() || nextUri.isMissingNode() ? null : nextUri.asString();
        }
        return numbers;
    }

    private List<Resource> vapi(String path, Resource.Kind kind) {
        JsonNode items = Http.getJson(vapiUrl + path + "?limit=" + VAPI_MAX_LIMIT, "Bearer " + vapiKey);
        if (items.size() >= VAPI_MAX_LIMIT) {
            System.err.println("WARNING: VAPI " + path + " returned " + VAPI_MAX_LIMIT
                    + " items, the API maximum: the listing may be incomplete");
        }
        List<Resource> list = new ArrayList<>();
        for (JsonNode item : items) {
            list.add(VapiItems.resource(kind, item));
        }
        return list;
    }

    /** Deletes an orphan at its provider. VAPI registrations first, then assistants, then numbers (caller orders). */
    public void release(Resource r) {
        switch (r.kind()) {
            case TWILIO_NUMBER -> Http.send("DELETE", twilioUrl + "/2010-04-01/Accounts/" + accountSid
                    + "/IncomingPhoneNumbers/" + r.id() + ".json", Http.basic(accountSid, authToken));
            case VAPI_ASSISTANT -> Http.send("DELETE", vapiUrl + "/assistant/" + r.id(), "Bearer " + vapiKey);
            case VAPI_PHONE_NUMBER -> Http.send("DELETE", vapiUrl + "/phone-number/" + r.id(), "Bearer " + vapiKey);
        }
    }
}
