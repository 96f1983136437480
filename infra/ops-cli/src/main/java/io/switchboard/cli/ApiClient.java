package io.switchboard.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The orchestrator's REST API as the CLI uses it: JSON in, JSON trees out, errors as {@link ApiException}. */
public final class ApiClient {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public JsonNode get(String path, Map<String, ?> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    public JsonNode post(String path, Map<String, ?> query, Object body) {
        return postAnswer(path, query, body).body();
    }

    /** A POST whose status matters (201 created vs 200 replaced). */
    public Answer postAnswer(String path, Map<String, ?> query, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return exchange(HttpRequest.newBuilder(uri(path, query)).header("Content-Type", "application/json")
                .POST(publisher));
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path, null)).DELETE());
    }

    /** A successful answer: its status and its JSON (an empty object for an empty body, e.g. 204). */
    public record Answer(int status, JsonNode body) {
    }

    private JsonNode send(HttpRequest.Builder builder) {
        return exchange(builder).body();
    }

    private Answer exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach the orchestrator at " + baseUrl + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is it running? See --api");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), errorMessage(request, response));
        }
        return new Answer(response.statusCode(), response.body() == null || response.body().isBlank()
                ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }

    /**
     * The orchestrator answers errors as RFC 9457 problems: the title says what kind of error, the detail what was
     * wrong and what to do. Older orchestrators sent {@code {"message": …}}; anything else is shown as it came.
     */
    static String errorMessage(HttpRequest request, HttpResponse<String> response) {
        String detail = response.body();
        try {
            JsonNode body = JSON.readTree(response.body());
            String title = Json.text(body, "title");
            String problemDetail = Json.text(body, "detail");
            if (title != null || problemDetail != null) {
                detail = title == null ? problemDetail
                        : problemDetail == null ? title : title + ": " + problemDetail;
            } else {
                String message = Json.text(body, "message");
                detail = message != null ? message : Json.text(body, "error");
            }
        } catch (RuntimeException notJson) {
            // keep the raw body
        }
        String hint = switch (response.statusCode()) {
            case 401 -> " (check --token / SWITCHBOARD_TOKEN)";
            case 403 -> " (this token is not an ops token)";
            default -> "";
        };
        return request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                + (detail == null || detail.isBlank() ? "" : ": " + detail) + hint;
    }

    private URI uri(String path, Map<String, ?> query) {
        StringJoiner parameters = new StringJoiner("&");
        new LinkedHashMap<>(query == null ? Map.of() : query).forEach((name, value) -> {
            if (value != null) {
                parameters.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return URI.create(baseUrl + path + (parameters.length() == 0 ? "" : "?" + parameters));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
