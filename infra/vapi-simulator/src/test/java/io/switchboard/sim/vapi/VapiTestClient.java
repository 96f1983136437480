package io.switchboard.sim.vapi;

import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Speaks to the simulator like a VAPI client: Bearer key, JSON bodies. */
final class VapiTestClient {

    final HttpTestClient http;

    VapiTestClient(String baseUrl, String apiKey) {
        this.http = new HttpTestClient(baseUrl).withHeader("Authorization", "Bearer " + apiKey);
    }

    static VapiTestClient of(VapiSimulator sim) {
        return new VapiTestClient(sim.baseUrl(), sim.config().apiKey());
    }

    HttpResponse<String> createAssistant(String json) {
        return http.postJson("/assistant", json);
    }

    String createAssistantId(String name) {
        HttpResponse<String> response = createAssistant("{\"name\":\"" + name + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError(response.body());
        }
        return HttpTestClient.json(response).get("id").stringValue();
    }

    HttpResponse<String> createPhoneNumber(String json) {
        return http.postJson("/phone-number", json);
    }

    static JsonNode json(HttpResponse<String> response) {
        return HttpTestClient.json(response);
    }
}
