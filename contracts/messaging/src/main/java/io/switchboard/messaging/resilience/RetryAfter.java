package io.switchboard.messaging.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider failure that says how long to wait before the next request (HTTP {@code Retry-After}, mostly on 429).
 * Provider adapters implement it on their classified failures; {@link ProviderGuard} waits at least that long before
 * it repeats a call, and gives up at once when the wait would not fit (see {@code max-retry-after} and the command's
 * deadline).
 */
public interface RetryAfter {

    /** The wait the provider asked for, or empty when it did not say. */
    Optional<Duration> retryAfter();

    /** The wait {@code failure} (or one of its causes) asked for. */
    static Optional<Duration> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryAfter asked) {
                return asked.retryAfter();
            }
        }
        return Optional.empty();
    }
}
