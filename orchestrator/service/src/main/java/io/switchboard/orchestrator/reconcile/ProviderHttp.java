package io.switchboard.orchestrator.reconcile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** JSON over HTTP to the providers' REST APIs; anything but 2xx is an error that names the status, never a secret. */
final class ProviderHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;

    ProviderHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String url, String authorization) {
        return JSON.readTree(send("GET", url, authorization));
    }

    /** A DELETE; 404 counts as done (the resource is gone either way). */
    void delete(String url, String authorization) {
        send("DELETE", url, authorization);
    }

    private String send(String method, String url, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization).header("Accept", "application/json").build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (method.equals("DELETE") && response.statusCode() == 404) {
                return "";
            }
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
                throw new ProviderException(method + " " + URI.create(url).getPath() + " answered "
                        + response.statusCode() + (body.isEmpty() ? "" : ": " + (body.length() > 200
                        ? body.substring(0, 200) + "…" : body)));
            }
            return response.body();
        } catch (IOException e) {
            throw new ProviderException(method + " " + URI.create(url).getHost() + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted");
        }
    }

    /** A provider call failed; the message is safe to show to ops. */
    static final class ProviderException extends RuntimeException {
        ProviderException(String message) {
            super(message);
        }
    }
}
