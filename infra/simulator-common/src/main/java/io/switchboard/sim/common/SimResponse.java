package io.switchboard.sim.common;

import java.util.Map;

/** What a handler answers; written to the wire by {@link SimulatorServer}. */
public record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public SimResponse {
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(int status, Object value) {
        return new SimResponse(status, JSON, Json.write(value), Map.of());
    }

    /** No body at all, e.g. Twilio's 204 on release. */
    public static SimResponse empty(int status) {
        return new SimResponse(status, null, new byte[0], Map.of());
    }

    public SimResponse withHeader(String name, String value) {
        var all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new SimResponse(status, contentType, body, all);
    }

    @Override
    public String toString() {
        return "SimResponse[" + status + ", " + body.length + " bytes]";
    }
}
