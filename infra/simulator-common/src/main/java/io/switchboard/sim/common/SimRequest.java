package io.switchboard.sim.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP request as the simulators see it, detached from the JDK's HttpExchange so that it can be
 * processed later (latency, injected delays) on another thread.
 *
 * @param headers names lower-cased, because HTTP header names are case-insensitive
 */
public record SimRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        Map<String, String> pathParams) {

    public SimRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        pathParams = Map.copyOf(pathParams);
    }

    public SimRequest withPathParams(Map<String, String> params) {
        return new SimRequest(method, path, query, headers, body, params);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** First value of a query parameter, if present. */
    public Optional<String> queryParam(String name) {
        return first(query, name);
    }

    public Optional<String> header(String name) {
        return first(headers, name.toLowerCase(Locale.ROOT));
    }

    /** The media type without parameters such as charset, lower-cased; empty when absent. */
    public String mediaType() {
        String value = header("content-type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean isForm() {
        return mediaType().equals("application/x-www-form-urlencoded");
    }

    public boolean isJson() {
        return mediaType().equals("application/json");
    }

    public Map<String, List<String>> form() {
        return FormCodec.decode(new String(body, StandardCharsets.UTF_8));
    }

    /** The body as a JSON tree, or empty when it is blank or not JSON. */
    public Optional<JsonNode> json() {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(body));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    static Optional<String> first(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Never prints the body or headers: they carry credentials. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
