package io.switchboard.adapters.twilio.errors;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.AuthenticationException;
import com.twilio.exception.TwilioException;
import io.switchboard.adapters.twilio.errors.TwilioFailure.Kind;
import io.switchboard.adapters.twilio.http.RateLimitedResponseException;

import java.time.Duration;

/**
 * Maps what the SDK throws to a {@link TwilioFailure}. Twilio advises against logic on individual codes, so a few
 * well-known codes get their own meaning and everything else falls back to the HTTP status class; an unknown 4xx
 * is final.
 */
public final class TwilioErrorClassifier {
    private TwilioErrorClassifier() {
    }

    public static TwilioFailure classify(TwilioException e) {
        if (e instanceof ApiConnectionException) {
            return new TwilioFailure(Kind.CONNECTION, null, null, e.getMessage(), e);
        }
        if (e instanceof AuthenticationException) {
            return new TwilioFailure(Kind.AUTHENTICATION, null, null, e.getMessage(), e);
        }
        if (!(e instanceof ApiException api)) {
            return new TwilioFailure(Kind.INVALID, null, null, e.getMessage(), e);
        }
        Integer status = api.getStatusCode();
        Integer code = api.getCode();
        String message = api.getMessage() == null ? "Twilio error" : api.getMessage();
        if (status == null) {
            // The SDK reports I/O failures of its own transport as ApiException without a status.
            return new TwilioFailure(Kind.CONNECTION, null, code, message, e);
        }
        Duration retryAfter = e instanceof RateLimitedResponseException limited ? limited.retryAfter().orElse(null) : null;
        return new TwilioFailure(kindOf(status, code), status, code, message, e, retryAfter);
    }

    static Kind kindOf(int status, Integer code) {
        if (code != null) {
            switch (code) {
                case 20003: return Kind.AUTHENTICATION;
                case 20429: return Kind.RATE_LIMITED;
                case 20404: return Kind.NOT_FOUND;
                case 21404, 10002: return Kind.TRIAL_LIMIT;
                case 21422, 21452: return Kind.NUMBER_UNAVAILABLE;
                default: break;
            }
        }
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status >= 500) {
            return Kind.SERVER_ERROR;
        }
        return Kind.INVALID;
    }
}
