package io.switchboard.sim.twilio;

import java.util.List;
import java.util.Map;

/**
 * Small readers for Twilio's PascalCase form and query parameters. Values arrive checked against the document
 * (booleans are "true"/"false", integers within their declared range), so these only convert.
 */
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

    /** A boolean filter: absent = null (no filter). */
    static Boolean bool(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        return value == null ? null : Boolean.valueOf(value);
    }

    /** An integer; absent gives the default. */
    static int integer(Map<String, List<String>> params, String name, int fallback) {
        String value = first(params, name);
        return value == null ? fallback : Integer.parseInt(value.strip());
    }

    /**
     * FriendlyName "can be up to 64 characters long" says the document's description; its schema has no maxLength,
     * so this is Twilio's rule, not the schema's.
     */
    static void checkFriendlyName(String friendlyName) {
        if (friendlyName != null && friendlyName.length() > FRIENDLY_NAME_MAX) {
            throw TwilioError.invalidFriendlyName().asFailure();
        }
    }
}
