package io.switchboard.adapters.vapi.errors;

import io.switchboard.messaging.resilience.RetryAfter;

import java.time.Duration;
import java.util.Optional;

/**
 * A VAPI call that did not succeed, classified once so that retry, circuit breaker and the reply agree on it.
 * The message is VAPI's (truncated) or ours for transport errors; it never contains the API key or a token.
 */
public class VapiFailure extends RuntimeException implements RetryAfter {

    public enum Kind {
        /** 401 / 403: bad API key. Final. */
        AUTHENTICATION(false, false),
        /** 429: VAPI rejected the request unprocessed. */
        RATE_LIMITED(true, false),
        /** 5xx. */
        SERVER_ERROR(true, true),
        /** Timeout, refused or reset connection. */
        CONNECTION(true, true),
        /** 404. */
        NOT_FOUND(false, false),
        /** 409, e.g. {@code assistant_pinned}. */
        CONFLICT(false, false),
        /** Other 4xx (e.g. 400 "Number Not Found on Twilio"): the request is wrong; repeating it gives the same answer. */
        INVALID(false, false);

        private final boolean transientFailure;
        private final boolean providerFault;

        Kind(boolean transientFailure, boolean providerFault) {
            this.transientFailure = transientFailure;
            this.providerFault = providerFault;
        }

        public boolean isTransient() {
            return transientFailure;
        }

        public boolean isProviderFault() {
            return providerFault;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public VapiFailure(Kind kind, Integer httpStatus, String message) {
        this(kind, httpStatus, message, null);
    }

    /** @param retryAfter how long VAPI asked to wait before the next request (its {@code Retry-After}), or null */
    public VapiFailure(Kind kind, Integer httpStatus, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.httpStatus = httpStatus;
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

    public String providerCode() {
        return httpStatus == null ? null : httpStatus.toString();
    }

    public static Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 409) {
            return Kind.CONFLICT;
        }
        if (status == 408 || status >= 500) {
            return status == 408 ? Kind.CONNECTION : Kind.SERVER_ERROR;
        }
        return Kind.INVALID;
    }

    public static boolean isTransient(Throwable t) {
        return t instanceof VapiFailure f && f.kind.isTransient();
    }

    public static boolean isProviderFault(Throwable t) {
        return t instanceof VapiFailure f && f.kind.isProviderFault();
    }
}
