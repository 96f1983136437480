package io.switchboard.sim.twilio;

import java.util.List;
import java.util.Map;

/** Small readers for Twilio's PascalCase form and query parameters. */
final class TwilioParams {

    static final int FRIENDLY_NAME_MAX = 64;

    private TwilioParams() {
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A phone-number parameter. A client that forgets to %-encode '+' sends a space (form decoding turns '+'
     * into ' '); Twilio tolerates that, so a leading space is read back as '+'.
     */
    static String phoneNumber(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null) {
            return null;
        }
        return value.startsWith(" ") ? "+" + value.strip() : value.strip();
    }

    /** A boolean filter: absent = null (no filter); Twilio accepts "true"/"false" in any case. */
    static Boolean bool(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw TwilioError.invalidParameter(name, value).asFailure();
    }

    /** An integer in min..max; absent gives the default. */
    static int integer(Map<String, List<String>> params, String name, int fallback, int min, int max) {
        String value = first(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw TwilioError.invalidParameter(name, value).asFailure();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw TwilioError.invalidParameter(name, value).asFailure();
        }
    }

    static void checkFriendlyName(String friendlyName) {
        if (friendlyName != null && friendlyName.length() > FRIENDLY_NAME_MAX) {
            throw TwilioError.invalidFriendlyName().asFailure();
        }
    }
}
