package io.switchboard.adapters.vapi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the VAPI API. Requests carry only fields their schema in vapi_openapi.json
 * declares (VAPI rejects anything else: "property X should not exist"); responses are read for the fields the
 * worker uses, the rest ignored. Requests that carry a Twilio auth token hide it from {@code toString}, and no
 * response type has a field for it, although {@code TwilioPhoneNumber} may echo one.
 */
public final class VapiDtos {
    private VapiDtos() {
    }

    /** {@code Assistant}. {@code metadata} holds what Switchboard stored at creation (owner, request). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assistant(String id, String name, Map<String, Object> metadata, String createdAt) {
    }

    /** {@code CreateAssistantDTO}: name, firstMessage, model, voice, metadata, server. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateAssistant(String name, String firstMessage, Model model, Voice voice,
                                  Map<String, Object> metadata, Server server) {
    }

    /** {@code UpdateAssistantDTO}: what a template decides, and the metadata (replaced whole, so owner tags are resent). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdateAssistant(String firstMessage, Model model, Voice voice, Map<String, Object> metadata) {
    }

    /** {@code OpenAIModel} (and the other providers' models: provider, model, messages). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String provider, String model, List<Message> messages) {
    }

    /** {@code OpenAIMessage}. */
    public record Message(String role, String content) {
    }

    /** {@code VapiVoice} (and the other providers' voices: provider, voiceId). */
    public record Voice(String provider, String voiceId) {
    }

    /** {@code Server}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String url) {
    }

    /** {@code TwilioPhoneNumber} or {@code VapiPhoneNumber}, by {@code provider}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneNumber(String id, String provider, String number, String name, String assistantId,
                              String twilioAccountSid, String status, String createdAt, String sipUri) {
    }

    /** {@code PhoneNumberPaginatedResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneNumberPage(List<PhoneNumber> results, PaginationMeta metadata) {
    }

    /** {@code PaginationMeta}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PaginationMeta(Integer itemsPerPage, Integer totalItems, Integer currentPage, Integer totalPages,
                                 Boolean hasNextPage) {
    }

    /**
     * {@code CreateTwilioPhoneNumberDTO}: the Twilio account's SID and auth token inline, as the document defines
     * the import (required: provider, number, twilioAccountSid).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateTwilioPhoneNumber(String provider, String number, String twilioAccountSid,
                                          String twilioAuthToken, String assistantId, String name) {
        @Override
        public String toString() {
            return "CreateTwilioPhoneNumber[number=" + number + ", twilioAccountSid=" + twilioAccountSid
                    + ", twilioAuthToken=" + (twilioAuthToken == null ? null : "***")
                    + ", assistantId=" + assistantId + ", name=" + name + "]";
        }
    }

    /** {@code CreateVapiPhoneNumberDTO}: a free VAPI number; {@code numberDesiredAreaCode} is exactly 3 digits (US only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateVapiPhoneNumber(String provider, String numberDesiredAreaCode, String assistantId, String name) {
    }

    /** {@code UpdateTwilioPhoneNumberDTO}; {@code provider} ("twilio") is sent too: it selects the oneOf branch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdateTwilioPhoneNumber(String provider, String assistantId) {
    }

    /**
     * The assistant part of any branch of the update body's oneOf ({@code UpdateTwilioPhoneNumberDTO},
     * {@code UpdateVapiPhoneNumberDTO}, …): {@code provider}, the number's own, selects the branch.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdatePhoneNumberAssistant(String provider, String assistantId) {
    }
}
