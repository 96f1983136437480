package io.switchboard.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The orchestrator's HTTP API with an ops bearer token ({@code sb-dev-ops-token} is the local stack's documented
 * dev token; pass {@code --ops-token} / {@code SWITCHBOARD_OPS_TOKEN} for anything else).
 */
public record OpsApi(String baseUrl, String token) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    public static final String DEV_TOKEN = "sb-dev-ops-token";

    public static String defaultToken() {
        String env = System.getenv("SWITCHBOARD_OPS_TOKEN");
        return env == null || env.isBlank() ? DEV_TOKEN : env;
    }

    /** Status code and body; -1 when nothing answers (process down or starting). */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A POST with a JSON body. */
    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    public boolean healthy() {
        return get("/actuator/health").status() == 200;
    }

    public record Response(int status, String body) {
    }
}
