package io.switchboard.adapters.twilio.numbers;

/** A number owned by the Twilio account. */
public record OwnedNumber(String sid, String phoneNumber, String friendlyName) {
}
