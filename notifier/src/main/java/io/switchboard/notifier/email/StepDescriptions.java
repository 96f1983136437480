package io.switchboard.notifier.email;

import java.util.Locale;
import java.util.Map;

/**
 * Turns a saga step id ({@code acquire-number}, {@code CREATE_INBOUND_ASSISTANT}, {@code registerPhoneNumber}) into
 * words an organization owner understands. Unknown steps are spelled out from their id rather than rejected: an
 * email with a plain step name beats no email at all.
 */
public final class StepDescriptions {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("acquirenumber", "getting a phone number for your organization"),
            Map.entry("acquirephonenumber", "getting a phone number for your organization"),
            Map.entry("purchasenumber", "getting a phone number for your organization"),
            Map.entry("createinboundassistant", "creating your inbound voice assistant"),
            Map.entry("createoutboundassistant", "creating your outbound voice assistant"),
            Map.entry("createassistant", "creating your voice assistants"),
            Map.entry("createassistants", "creating your voice assistants"),
            Map.entry("registerphonenumber", "connecting your phone number to your voice assistant"),
            Map.entry("registernumber", "connecting your phone number to your voice assistant"),
            Map.entry("importnumber", "connecting your phone number to your voice assistant"),
            Map.entry("saveconfig", "saving your voice AI settings"),
            Map.entry("saveaiconfig", "saving your voice AI settings"),
            Map.entry("activate", "switching your voice AI line on"),
            Map.entry("releasenumber", "releasing your phone number"),
            Map.entry("deleteassistant", "removing a voice assistant"),
            Map.entry("deletephonenumberregistration", "disconnecting your phone number from your voice assistant"));

    private StepDescriptions() {
    }

    public static String describe(String step) {
        if (step == null || step.isBlank()) {
            return "an internal setup step";
        }
        String known = KNOWN.get(step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        return known != null ? known : spelledOut(step);
    }

    private static String spelledOut(String step) {
        String words = step.trim()
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("[-_.:/]+", " ")
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        return words.isBlank() ? "an internal setup step" : words;
    }
}
