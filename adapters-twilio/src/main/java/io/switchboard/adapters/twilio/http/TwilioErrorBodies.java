package io.switchboard.adapters.twilio.http;

/**
 * The SDK turns an error response into an exception only if its body is Twilio's JSON error shape; a proxy's HTML
 * 502 page or an empty 503 would become "unable to deserialize" without its HTTP status. Such bodies are replaced
 * by a Twilio-shaped one carrying the status, so the error is still classified correctly.
 */
final class TwilioErrorBodies {
    private TwilioErrorBodies() {
    }

    static String normalize(int status, String body) {
        if (status < 400 || looksLikeTwilioError(body)) {
            return body;
        }
        String code = status == 429 ? "20429" : "null";
        return "{\"code\":" + code + ",\"message\":\"HTTP " + status + " from Twilio\",\"more_info\":null,\"status\":" + status + "}";
    }

    private static boolean looksLikeTwilioError(String body) {
        if (body == null) {
            return false;
        }
        String trimmed = body.trim();
        return trimmed.startsWith("{") && trimmed.contains("\"status\"");
    }
}
