package io.switchboard.sim.twilio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Twilio REST error: HTTP status plus Twilio's numeric code, rendered as the body twilio-java's
 * {@code RestException} parses: {@code {"code":21422,"message":"...","more_info":"https://www.twilio.com/docs/errors/21422","status":400}}.
 *
 * @param code null when Twilio's documentation gives no code for the case (the body then has "code":null)
 */
public record TwilioError(int status, Integer code, String message) {

    public static TwilioError authenticate() {
        return new TwilioError(401, 20003, "Authenticate");
    }

    public static TwilioError notFound(String path) {
        return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    public static TwilioError methodNotAllowed() {
        return new TwilioError(405, 20004, "Method not allowed");
    }

    public static TwilioError tooManyRequests() {
        return new TwilioError(429, 20429, "Too Many Requests");
    }

    /** 5xx: Twilio's 20500 family; the code mirrors the status (20500, 20502, 20503, 20504). */
    public static TwilioError serverError(int status) {
        String message = switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
        };
        return new TwilioError(status, 20000 + status, message);
    }

    public static TwilioError trialLimit() {
        return new TwilioError(400, 21404,
                "Trial accounts are allowed only one Twilio number. To purchase additional numbers, please upgrade your account.");
    }

    public static TwilioError invalidPhoneNumber(String number) {
        return new TwilioError(400, 21421, "PhoneNumber is invalid: " + number);
    }

    public static TwilioError numberNotAvailable(String number) {
        return new TwilioError(400, 21422, "PhoneNumber is not available: " + number + " is not available");
    }

    /**
     * Neither PhoneNumber nor AreaCode. The spec only marks them as an either/or ({@code x-twilio.conditional});
     * our references document no code for this case, so 21450 is an assumption, not a verified Twilio value.
     */
    public static TwilioError missingNumberOrAreaCode() {
        return new TwilioError(400, 21450, "You must provide an AreaCode or a PhoneNumber");
    }

    public static TwilioError invalidAreaCode(String areaCode) {
        return new TwilioError(400, 21451, "AreaCode is invalid: " + areaCode);
    }

    public static TwilioError noNumbersInAreaCode(String areaCode) {
        return new TwilioError(400, 21452, "No phone numbers found in area code " + areaCode);
    }

    /** FriendlyName is limited to 64 characters by the spec; 20002 is Twilio's "Invalid FriendlyName". */
    public static TwilioError invalidFriendlyName() {
        return new TwilioError(400, 20002, "Invalid FriendlyName: it can be up to 64 characters long");
    }

    /** The spec declares only form bodies for POSTs; Prism answers 415 for JSON and so do we. */
    public static TwilioError unsupportedMediaType() {
        return new TwilioError(415, null,
                "Unsupported Media Type: request bodies must be application/x-www-form-urlencoded");
    }

    public static TwilioError invalidParameter(String name, String value) {
        return new TwilioError(400, 20001, "Invalid parameter " + name + ": " + value);
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", code == null
                ? "https://www.twilio.com/docs/usage/requests-to-twilio"
                : "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return body;
    }

    public TwilioFailure asFailure() {
        return new TwilioFailure(this);
    }

    /** Thrown by the domain code to abort a request with a Twilio error; carries no stack trace. */
    public static final class TwilioFailure extends RuntimeException {
        private final transient TwilioError error;

        TwilioFailure(TwilioError error) {
            super(error.code() + " " + error.message(), null, false, false);
            this.error = error;
        }

        public TwilioError error() {
            return error;
        }
    }
}
