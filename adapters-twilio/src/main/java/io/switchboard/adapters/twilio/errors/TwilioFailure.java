package io.switchboard.adapters.twilio.errors;

import io.switchboard.messaging.resilience.RetryAfter;

import java.time.Duration;
import java.util.Optional;

/**
 * A Twilio call that did not succeed, classified once so that retry, circuit breaker and the reply all agree on
 * what it means. The message is Twilio's own (or ours for transport errors) and never contains credentials.
 */
public class TwilioFailure extends RuntimeException implements RetryAfter {

    public enum Kind {
        /** 401 / 20003: bad account SID or token. Final: retrying cannot fix a credential. */
        AUTHENTICATION(false, false),
        /** 429 / 20429: Twilio rejected the request unprocessed; always safe to repeat after a pause. */
        RATE_LIMITED(true, false),
        /** 5xx: Twilio-side failure. For a POST the outcome is unknown. */
        SERVER_ERROR(true, true),
        /** Timeout, refused or reset connection. For a POST the outcome is unknown. */
        CONNECTION(true, true),
        /** 404 / 20404. */
        NOT_FOUND(false, false),
        /** 21422 / 21452: that number cannot be bought (any more); try another candidate. */
        NUMBER_UNAVAILABLE(false, false),
        /** 21404 / 10002: a trial account may hold only one number. */
        TRIAL_LIMIT(false, false),
        /** Any other 4xx: the request itself is wrong; repeating it gives the same answer. */
        INVALID(false, false);

        private final boolean transientFailure;
        private final boolean providerFault;

        Kind(boolean transientFailure, boolean providerFault) {
            this.transientFailure = transientFailure;
            this.providerFault = providerFault;
        }

        /** Repeating the same idempotent call later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }

        /** Counts against the provider's health (circuit breaker). */
        public boolean isProviderFault() {
            return providerFault;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final Integer twilioCode;
    private final Duration retryAfter;

    public TwilioFailure(Kind kind, Integer httpStatus, Integer twilioCode, String message, Throwable cause) {
        this(kind, httpStatus, twilioCode, message, cause, null);
    }

    /** @param retryAfter how long Twilio asked to wait before the next request (its {@code Retry-After}), or null */
    public TwilioFailure(Kind kind, Integer httpStatus, Integer twilioCode, String message, Throwable cause,
                         Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.twilioCode = twilioCode;
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Integer twilioCode() {
        return twilioCode;
    }

    /** Twilio's code when it sent one, else the HTTP status, for the reply's {@code providerCode}. */
    public String providerCode() {
        if (twilioCode != null) {
            return twilioCode.toString();
        }
        return httpStatus == null ? null : "HTTP " + httpStatus;
    }

    public static boolean isTransient(Throwable t) {
        return t instanceof TwilioFailure f && f.kind.isTransient();
    }

    public static boolean isProviderFault(Throwable t) {
        return t instanceof TwilioFailure f && f.kind.isProviderFault();
    }
}
