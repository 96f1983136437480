package io.switchboard.credentials.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The platform Twilio account ({@code switchboard.twilio.account-sid / auth-token}), used when a command names none. */
@ConfigurationProperties(prefix = "switchboard.twilio")
public record PlatformTwilioAccountProperties(String accountSid, String authToken) {
    @Override
    public String toString() {
        return "PlatformTwilioAccountProperties[accountSid=" + accountSid + ", authToken=***]";
    }
}
