package io.switchboard.adapters.twilio.config;

import io.switchboard.messaging.resilience.ResilienceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.twilio.*}: the platform Twilio account and how the worker talks to Twilio.
 *
 * @param accountSid     platform account SID ({@code AC…}), used when a command names no tenant credential
 * @param authToken      platform account auth token; never logged, never put in a reply
 * @param baseUrl        where the SDK's requests go: Twilio's API in production, the simulator locally
 * @param connectTimeout TCP connect timeout per request
 * @param readTimeout    time to wait for a response; a purchase that exceeds it is reconciled by its tag
 * @param numbers        search / purchase policy
 * @param resilience     retry, circuit breaker and rate limiter around every Twilio call
 */
@ConfigurationProperties(prefix = "switchboard.twilio")
public record TwilioProperties(
        String accountSid,
        String authToken,
        @DefaultValue("https://api.twilio.com") String baseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout,
        @DefaultValue Numbers numbers,
        @DefaultValue ResilienceProperties resilience) {

    /**
     * @param searchPageSize how many available numbers one search asks for
     * @param maxCandidates  how many of them are tried when earlier ones turn out to be taken (21422)
     * @param legacyTagPrefix prefix of the FriendlyName numbers were bought with before owner tags
     *                        ({@code sb:<requestId>}): such numbers are Switchboard's with no recorded owner (see
     *                        {@code OwnerTag}), and a purchase is looked up under it too, so that one an older
     *                        worker made is adopted; blank = no such numbers exist
     * @param voiceUrl       optional voice webhook set at purchase (VAPI replaces it when the number is imported)
     * @param maxListPages   pages one list of the account's numbers may take (lists are read to their last page:
     *                       a look-up by tag, the whole account when looking for a trial account's own number, 1000
     *                       a page); past it the step fails for ops rather than reading without end
     * @param trialClaimWait how long a claim of a trial account's only number waits for another claim of it (they
     *                       run one at a time, across workers, under a database lock) before failing retryably
     */
    public record Numbers(
            @DefaultValue("10") int searchPageSize,
            @DefaultValue("5") int maxCandidates,
            @DefaultValue("sb:") String legacyTagPrefix,
            String voiceUrl,
            @DefaultValue("100") int maxListPages,
            @DefaultValue("10s") java.time.Duration trialClaimWait) {
    }

    @Override
    public String toString() {
        // Records print every component; the token must never reach a log line.
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=***, baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", numbers=" + numbers + ", resilience=" + resilience + "]";
    }
}
