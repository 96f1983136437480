package io.switchboard.adapters.vapi.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform Twilio account ({@code switchboard.twilio.account-sid / auth-token}, the same keys the Twilio worker
 * reads): VAPI must be given the account of a number to import it.
 */
@ConfigurationProperties(prefix = "switchboard.twilio")
public record PlatformTwilioProperties(String accountSid, String authToken) {
    @Override
    public String toString() {
        return "PlatformTwilioProperties[accountSid=" + accountSid + ", authToken=***]";
    }
}
