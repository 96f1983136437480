package io.switchboard.sim.twilio;

import java.time.Instant;

/** A number given back with DELETE; it stays out of the available list (Twilio's cooling-off period). */
public record ReleasedNumber(String sid, String accountSid, String phoneNumber, String friendlyName, Instant releasedAt) {
}
