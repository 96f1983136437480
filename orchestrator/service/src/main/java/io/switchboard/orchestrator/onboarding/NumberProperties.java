package io.switchboard.orchestrator.onboarding;

import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.StepPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.numbers.*}: where new lines get their number, and how long a free VAPI number may take to
 * become active.
 *
 * @param provider                new onboardings use this; a running onboarding keeps the provider it started with
 * @param freeNumberPollInterval  pause between two looks at an activating free VAPI number
 * @param freeNumberWaitLimit     how long an onboarding waits for its digits; past it the line is saved
 *                                "activation pending" (version 5; version 4 and older undo the onboarding)
 * @param defaultCountry          the country of a number for an organization whose events never named one (an
 *                                {@code InboundAiChanged(true)} that sets up an organization without an approval)
 * @param freeNumberLimitFallback at VAPI's free-number limit, take a Twilio number instead of undoing the
 *                                onboarding — when there is a Twilio account to take it from: the organization's own
 *                                ({@code twilioCredentialId}), or the platform's, which this setting says exists
 *                                (set it {@code false} when the Twilio worker runs without
 *                                {@code switchboard.twilio.account-sid})
 * @param pendingActivationCheckInterval how often lines whose free number is still activating are looked at again
 *                                (each look polls like the onboarding did, up to the wait limit)
 * @param maxPerOrganization      the most numbers one organization may hold: its line's own and the ones it added
 *                                ({@code POST …/numbers}); each is a paid number
 */
@ConfigurationProperties(prefix = "switchboard.numbers")
public record NumberProperties(
        @DefaultValue("TWILIO") NumberProvider provider,
        @DefaultValue("15s") Duration freeNumberPollInterval,
        @DefaultValue("10m") Duration freeNumberWaitLimit,
        @DefaultValue("US") String defaultCountry,
        @DefaultValue("true") boolean freeNumberLimitFallback,
        @DefaultValue("5m") Duration pendingActivationCheckInterval,
        @DefaultValue("5") int maxPerOrganization) {

    /** Each look waits this long for the worker's answer; a lost answer counts as "not ready yet". */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    public NumberProperties {
        if (freeNumberPollInterval.isNegative() || freeNumberPollInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.numbers.free-number-poll-interval must be positive");
        }
        if (freeNumberWaitLimit.compareTo(freeNumberPollInterval) < 0) {
            throw new IllegalArgumentException("switchboard.numbers.free-number-wait-limit must be at least the poll interval");
        }
        if (defaultCountry == null || !defaultCountry.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("switchboard.numbers.default-country must be an ISO 3166-1 alpha-2 code, e.g. US");
        }
        if (pendingActivationCheckInterval.isNegative() || pendingActivationCheckInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.numbers.pending-activation-check-interval must be positive");
        }
        if (maxPerOrganization < 1) {
            throw new IllegalArgumentException("switchboard.numbers.max-per-organization must be at least 1 (the line's own number)");
        }
    }

    public static NumberProperties defaults() {
        return new NumberProperties(NumberProvider.TWILIO, Duration.ofSeconds(15), Duration.ofMinutes(10), "US", true,
                Duration.ofMinutes(5), 5);
    }

    public NumberProperties withProvider(NumberProvider value) {
        return new NumberProperties(value, freeNumberPollInterval, freeNumberWaitLimit, defaultCountry,
                freeNumberLimitFallback, pendingActivationCheckInterval, maxPerOrganization);
    }

    public NumberProperties withFreeNumberLimitFallback(boolean value) {
        return new NumberProperties(provider, freeNumberPollInterval, freeNumberWaitLimit, defaultCountry, value,
                pendingActivationCheckInterval, maxPerOrganization);
    }

    /**
     * Looks at the number until the wait limit: the first look is immediate, then one per poll interval, so
     * 10 min / 15 s gives 40 pauses and 41 looks. Every pause is a durable retry timer, never a sleeping thread.
     */
    public StepPolicy freeNumberPolling() {
        int looks = (int) (freeNumberWaitLimit.toMillis() / freeNumberPollInterval.toMillis()) + 1;
        return new StepPolicy(CHECK_TIMEOUT, new RetryPolicy(looks, freeNumberPollInterval, 1.0, freeNumberPollInterval));
    }
}
