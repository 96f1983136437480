package io.switchboard.sim.vapi;

/**
 * How the simulator decides whether a Twilio number being imported exists in that Twilio account (real VAPI
 * asks Twilio and answers "Number Not Found on Twilio." otherwise). The launcher can back this with the
 * Twilio simulator's inventory; by default every number is accepted.
 */
@FunctionalInterface
public interface TwilioNumberDirectory {

    TwilioNumberDirectory ACCEPT_ALL = (accountSid, e164) -> true;

    boolean hasNumber(String twilioAccountSid, String e164);
}
