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
 * @param readTimeout    time to wait for a response; a create that exceeds it stays pending in the ledger and is
 *                       looked up by the next attempt
 * @param lookup         how an in-doubt create and an existing registration are looked up at VAPI
 * @param ledger         the creation ledger
 * @param assistant      defaults of created assistants
 * @param resilience     retry, circuit breaker and rate limiter around every VAPI call
 */
@ConfigurationProperties(prefix = "switchboard.vapi")
public record VapiProperties(
        String apiKey,
        @DefaultValue("https://api.vapi.ai") String baseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue Lookup lookup,
        @DefaultValue Ledger ledger,
        @DefaultValue AssistantDefaults assistant,
        @DefaultValue ResilienceProperties resilience) {

    /**
     * @param pageSize        {@code limit} of every list and search call (VAPI allows 1..1000): fewer, larger answers
     * @param clockSkewMargin an in-doubt create is looked for among what VAPI created from this long before the
     *                        claim: VAPI stamps {@code createdAt} with its clock, the claim has ours
     * @param maxQueries      list calls one look-up may make (a window that fills a page is split in two, about four
     *                        calls per page of resources in the window); past it the step fails for ops instead of
     *                        reading the account without end
     */
    public record Lookup(
            @DefaultValue("1000") int pageSize,
            @DefaultValue("1m") Duration clockSkewMargin,
            @DefaultValue("100") int maxQueries) {
    }

    /**
     * @param lockTimeout how long an attempt waits while another consumer works on the same request (after a
     *                    rebalance) before answering a retryable failure
     */
    public record Ledger(@DefaultValue("30s") Duration lockTimeout) {
    }

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
                + ", readTimeout=" + readTimeout + ", lookup=" + lookup + ", ledger=" + ledger
                + ", assistant=" + assistant + ", resilience=" + resilience + "]";
    }
}
