package io.switchboard.sim.vapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VAPI (NestJS) error body: {@code {"message": <string or list>, "error": "Bad Request", "statusCode": 400}}.
 * Validation failures carry a list of messages, business rule failures a single string.
 *
 * @param error the HTTP reason phrase; null leaves it out, as NestJS does for bare 404s
 */
public record VapiError(int status, Object message, String error) {

    public static VapiError unauthorized() {
        return new VapiError(401, "Invalid Key. Hot tip, make sure you're using the private key not the public one.",
                "Unauthorized");
    }

    public static VapiError validation(List<String> messages) {
        return new VapiError(400, List.copyOf(messages), "Bad Request");
    }

    public static VapiError badRequest(String message) {
        return new VapiError(400, message, "Bad Request");
    }

    public static VapiError notFound() {
        return new VapiError(404, "Not Found", null);
    }

    public static VapiError noRoute(String method, String path) {
        return new VapiError(404, "Cannot " + method + " " + path, "Not Found");
    }

    public static VapiError invalidUuid() {
        return new VapiError(400, "Validation failed (uuid is expected)", "Bad Request");
    }

    public static VapiError status(int status) {
        return switch (status) {
            case 429 -> new VapiError(429, "Too Many Requests", "Too Many Requests");
            case 502 -> new VapiError(502, "Bad Gateway", "Bad Gateway");
            case 503 -> new VapiError(503, "Service Unavailable", "Service Unavailable");
            case 504 -> new VapiError(504, "Gateway Timeout", "Gateway Timeout");
            case 500 -> new VapiError(500, "Internal server error", null);
            default -> new VapiError(status, "Injected fault", null);
        };
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (error != null) {
            body.put("error", error);
        }
        body.put("statusCode", status);
        return body;
    }

    VapiFailure asFailure() {
        return new VapiFailure(this);
    }

    /** Thrown by the domain code to abort a request with a VAPI error; carries no stack trace. */
    static final class VapiFailure extends RuntimeException {
        private final transient VapiError error;

        VapiFailure(VapiError error) {
            super(String.valueOf(error.message()), null, false, false);
            this.error = error;
        }

        VapiError error() {
            return error;
        }
    }
}
