package io.switchboard.adapters.vapi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the VAPI API (only the fields the worker uses; unknown response fields are
 * ignored). Requests that carry a Twilio auth token hide it from {@code toString}.
 */
public final class VapiDtos {
    private VapiDtos() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assistant(String id, String name, Map<String, Object> metadata, String createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateAssistant(String name, String firstMessage, Model model, Voice voice,
                                  Map<String, String> metadata, Server server) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String provider, String model, List<Message> messages) {
    }

    public record Message(String role, String content) {
    }

    public record Voice(String provider, String voiceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String url) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneNumber(String id, String provider, String number, String name, String assistantId,
                              String twilioAccountSid, String credentialId, String status) {
    }

    /** Import of a Twilio number: either {@code credentialId} (preferred) or {@code twilioAuthToken}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateTwilioPhoneNumber(String provider, String number, String twilioAccountSid,
                                          String credentialId, String twilioAuthToken, String assistantId, String name) {
        @Override
        public String toString() {
            return "CreateTwilioPhoneNumber[number=" + number + ", twilioAccountSid=" + twilioAccountSid
                    + ", credentialId=" + credentialId + ", twilioAuthToken=" + (twilioAuthToken == null ? null : "***")
                    + ", assistantId=" + assistantId + ", name=" + name + "]";
        }
    }

    /** A free VAPI number; {@code numberDesiredAreaCode} is exactly 3 digits (US only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateVapiPhoneNumber(String provider, String numberDesiredAreaCode, String assistantId, String name) {
    }

    /** {@code provider} is sent too: the update body is discriminated by it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdatePhoneNumber(String provider, String assistantId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credential(String id, String provider, String accountSid, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateTwilioCredential(String provider, String accountSid, String authToken, String name) {
        @Override
        public String toString() {
            return "CreateTwilioCredential[accountSid=" + accountSid + ", authToken=***, name=" + name + "]";
        }
    }
}
