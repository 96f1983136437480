package io.switchboard.sim.twilio;

/** A number's capabilities, serialized as Twilio's {@code {"voice":..,"sms":..,"mms":..,"fax":..}}. */
public record Capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {

    public static Capabilities full() {
        return new Capabilities(true, true, true, false);
    }

    public static Capabilities voiceOnly() {
        return new Capabilities(true, false, false, false);
    }
}
