package io.switchboard.sim.twilio;

import java.util.List;
import java.util.Map;

/** The URL/method settings of an IncomingPhoneNumber, as set by the create and update form parameters. */
public record Webhooks(
        String voiceUrl,
        String voiceMethod,
        String voiceFallbackUrl,
        String voiceFallbackMethod,
        String smsUrl,
        String smsMethod,
        String smsFallbackUrl,
        String smsFallbackMethod,
        String statusCallback,
        String statusCallbackMethod) {

    /** Twilio's defaults for a new number: no URLs, every method POST. */
    public static Webhooks defaults() {
        return new Webhooks(null, "POST", null, "POST", null, "POST", null, "POST", null, "POST");
    }

    /** Applies the form parameters present; absent ones keep their current value, as Twilio's update does. */
    public Webhooks apply(Map<String, List<String>> form) {
        return new Webhooks(
                value(form, "VoiceUrl", voiceUrl),
                method(form, "VoiceMethod", voiceMethod),
                value(form, "VoiceFallbackUrl", voiceFallbackUrl),
                method(form, "VoiceFallbackMethod", voiceFallbackMethod),
                value(form, "SmsUrl", smsUrl),
                method(form, "SmsMethod", smsMethod),
                value(form, "SmsFallbackUrl", smsFallbackUrl),
                method(form, "SmsFallbackMethod", smsFallbackMethod),
                value(form, "StatusCallback", statusCallback),
                method(form, "StatusCallbackMethod", statusCallbackMethod));
    }

    private static String value(Map<String, List<String>> form, String name, String current) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? current : values.get(0);
    }

    /** GET or POST: the document's enum, checked before the request gets here. */
    private static String method(Map<String, List<String>> form, String name, String current) {
        return value(form, name, current);
    }
}
