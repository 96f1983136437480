package io.switchboard.orchestrator.reconcile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.reconcile.*}: read access (and, for releasing orphans, delete access) to the providers, so the
 * orchestrator can compare what Twilio and VAPI hold with its own records. Off until both the platform Twilio account
 * and the VAPI key are set. Organizations' own Twilio accounts are read with their stored credentials.
 *
 * @param twilioBaseUrl    https://api.twilio.com (the simulator's URL locally)
 * @param twilioAccountSid the platform Twilio account (the one the Twilio worker uses)
 * @param twilioAuthToken  its auth token; secret, never logged or returned
 * @param vapiBaseUrl      https://api.vapi.ai
 * @param vapiApiKey       the VAPI key (the VAPI worker's); secret
 * @param timeout          per provider request
 * @param maxPages         pages of one Twilio account's number list read at most (1000 numbers a page); past that the
 *                         listing is reported incomplete and no number is called dangling
 */
@ConfigurationProperties(prefix = "switchboard.reconcile")
public record ReconcileProperties(
        @DefaultValue("https://api.twilio.com") String twilioBaseUrl,
        String twilioAccountSid,
        String twilioAuthToken,
        @DefaultValue("https://api.vapi.ai") String vapiBaseUrl,
        String vapiApiKey,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("100") int maxPages) {

    public boolean enabled() {
        return twilioAccountSid != null && !twilioAccountSid.isBlank() && twilioAuthToken != null
                && !twilioAuthToken.isBlank() && vapiApiKey != null && !vapiApiKey.isBlank();
    }

    @Override
    public String toString() {
        return "ReconcileProperties[twilioBaseUrl=" + twilioBaseUrl + ", twilioAccountSid=" + twilioAccountSid
                + ", twilioAuthToken=***, vapiBaseUrl=" + vapiBaseUrl + ", vapiApiKey=***, timeout=" + timeout
                + ", maxPages=" + maxPages + "]";
    }
}
