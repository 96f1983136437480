package io.switchboard.adapters.vapi.config;

import io.switchboard.messaging.resilience.ResilienceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.vapi.*}: how the worker talks to VAPI and what the assistants it creates look like.
 *
 * @param apiKey         VAPI private API key (Bearer); never logged
 * @param baseUrl        VAPI's API in production, the simulator locally
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    time to wait for a response; a create that exceeds it is found again by looking first
 * @param listLimit      page size of the list calls used to look before creating (VAPI's maximum is 1000)
 * @param useCredentials import Twilio numbers via a VAPI credential created once per Twilio account (the auth
 *                       token crosses to VAPI once) instead of sending the token with every import
 * @param assistant      defaults of created assistants
 * @param resilience     retry, circuit breaker and rate limiter around every VAPI call
 */
@ConfigurationProperties(prefix = "switchboard.vapi")
public record VapiProperties(
        String apiKey,
        @DefaultValue("https://api.vapi.ai") String baseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("1000") int listLimit,
        @DefaultValue("true") boolean useCredentials,
        @DefaultValue AssistantDefaults assistant,
        @DefaultValue ResilienceProperties resilience) {

    /**
     * Placeholders {@code {orgName}} and {@code {role}} are replaced in the templates.
     *
     * @param serverUrl optional webhook URL for the assistants' server messages
     */
    public record AssistantDefaults(
            @DefaultValue("openai") String modelProvider,
            @DefaultValue("gpt-4o") String model,
            @DefaultValue("vapi") String voiceProvider,
            @DefaultValue("Elliot") String voiceId,
            @DefaultValue("Hello, thank you for calling {orgName}. How can I help you today?") String inboundFirstMessage,
            @DefaultValue("Hi, this is the virtual assistant of {orgName}. Do you have a moment?") String outboundFirstMessage,
            @DefaultValue("You are the friendly, concise {role} phone assistant of {orgName}. Help callers with their "
                    + "questions, take messages when you cannot help, and never invent facts about {orgName}.") String systemPrompt,
            String serverUrl) {
    }

    @Override
    public String toString() {
        return "VapiProperties[apiKey=***, baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", listLimit=" + listLimit + ", useCredentials=" + useCredentials
                + ", assistant=" + assistant + ", resilience=" + resilience + "]";
    }
}
