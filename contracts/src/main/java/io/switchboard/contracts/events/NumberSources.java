package io.switchboard.contracts.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an organization's number comes from, as upstream events and the API name it ({@code numberSource}), and how
 * an organization names a number it already owns ({@code ownNumber}). Both are optional: an event without them gets
 * the default, {@link #POOL_FIRST} (or the orchestrator's global {@code switchboard.numbers.provider}).
 */
public final class NumberSources {
    /** A pooled number if one matches, else one bought at Twilio (the default). */
    public static final String POOL_FIRST = "pool_first";
    /** Skip the pool: buy a fresh number at Twilio. */
    public static final String FORCE_TWILIO = "force_twilio";
    /** A number the organization already owns in its own Twilio account ({@code ownNumber}, or any unassigned one). */
    public static final String OWN_NUMBER = "own_number";
    /** A free VAPI number (no Twilio account involved). */
    public static final String VAPI_FREE = "vapi_free";
    /** No number: the assistants only; the line gets its number later, with the next {@code InboundAiChanged(true)}. */
    public static final String NONE = "none";

    public static final List<String> ALL = List.of(POOL_FIRST, FORCE_TWILIO, OWN_NUMBER, VAPI_FREE, NONE);

    /** {@code ownNumber} meaning "any number of the organization's account that no line uses". */
    public static final String ANY_UNASSIGNED = "any";

    private static final Pattern NUMBER_SID = Pattern.compile("PN[0-9a-fA-F]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private NumberSources() {
    }

    public static boolean valid(String numberSource) {
        return numberSource == null || ALL.contains(numberSource);
    }

    /** A Twilio Phone Number SID ({@code PN…}), an E.164 number, or {@link #ANY_UNASSIGNED}. */
    public static boolean validOwnNumber(String ownNumber) {
        return ownNumber == null || ANY_UNASSIGNED.equals(ownNumber) || isNumberSid(ownNumber)
                || E164.matcher(ownNumber).matches();
    }

    public static boolean isNumberSid(String ownNumber) {
        return ownNumber != null && NUMBER_SID.matcher(ownNumber).matches();
    }

    /** The source an event asks for: {@code ownNumber} alone implies {@link #OWN_NUMBER}; nothing means the default. */
    public static String effective(String numberSource, String ownNumber) {
        if (numberSource != null) {
            return numberSource;
        }
        return ownNumber != null ? OWN_NUMBER : null;
    }
}
