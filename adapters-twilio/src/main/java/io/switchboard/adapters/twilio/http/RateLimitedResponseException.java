package io.switchboard.adapters.twilio.http;

import com.twilio.exception.ApiException;

import java.time.Duration;
import java.util.Optional;

/**
 * A 429 answer, with the {@code Retry-After} it carried. The SDK turns an error answer into an {@link ApiException}
 * without its headers, so the transport raises this one itself: Twilio's code and message as the SDK would have
 * read them, plus the wait Twilio asked for.
 */
public class RateLimitedResponseException extends ApiException {
    private final Duration retryAfter;

    RateLimitedResponseException(String message, Integer code, String moreInfo, Duration retryAfter) {
        super(message, code, moreInfo, 429, null);
        this.retryAfter = retryAfter;
    }

    /** Empty when Twilio did not say how long to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
