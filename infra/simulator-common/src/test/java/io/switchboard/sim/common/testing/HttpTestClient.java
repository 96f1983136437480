package io.switchboard.sim.common.testing;

import io.switchboard.sim.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Real HTTP against a simulator, for tests. Each instance carries default headers (e.g. auth). */
public final class HttpTestClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final Map<String, String> headers;
    private final Duration timeout;

    public HttpTestClient(String baseUrl) {
        this(baseUrl, Map.of(), Duration.ofSeconds(10));
    }

    private HttpTestClient(String baseUrl, Map<String, String> headers, Duration timeout) {
        this.baseUrl = baseUrl;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    public HttpTestClient withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new HttpTestClient(baseUrl, all, timeout);
    }

    public HttpTestClient withTimeout(Duration value) {
        return new HttpTestClient(baseUrl, headers, value);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, null);
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public HttpResponse<String> patchJson(String path, String json) {
        return send("PATCH", path, "application/json", json);
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send("POST", path, "application/x-www-form-urlencoded", form);
    }

    /** Sends and waits; throws {@link java.net.http.HttpTimeoutException} (unchecked-wrapped) on timeout. */
    public HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }
}
