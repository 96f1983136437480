package io.switchboard.adapters.vapi.client;

import feign.Response;
import feign.codec.ErrorDecoder;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.messaging.resilience.RetryAfterHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Turns every non-2xx answer into a classified {@link VapiFailure} carrying VAPI's message (its NestJS error body
 * {@code {"statusCode","message","error"}} or whatever text came back, truncated) and, when VAPI sent one, its
 * {@code Retry-After} (seconds or HTTP-date), which the provider guard honours before the next attempt.
 */
public final class VapiErrorDecoder implements ErrorDecoder {
    private static final int MAX_MESSAGE = 300;

    private final Clock clock;

    public VapiErrorDecoder() {
        this(Clock.systemUTC());
    }

    public VapiErrorDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        return new VapiFailure(VapiFailure.kindOf(status), status,
                "HTTP " + status + " on " + response.request().httpMethod() + " " + path(response) + ": " + body(response),
                retryAfter(response).orElse(null));
    }

    /** Feign's header map ignores case, as HTTP does. */
    private Optional<Duration> retryAfter(Response response) {
        Collection<String> values = response.headers().get(RetryAfterHeader.NAME);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return RetryAfterHeader.parse(values.iterator().next(), clock);
    }

    private static String path(Response response) {
        String url = response.request().url();
        int schemeEnd = url.indexOf("://");
        int pathStart = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 3);
        return pathStart < 0 ? url : url.substring(pathStart);
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "(no body)";
        }
        try (InputStream in = response.body().asInputStream()) {
            String text = new String(in.readNBytes(MAX_MESSAGE * 2), StandardCharsets.UTF_8).strip();
            return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
        } catch (IOException e) {
            return "(unreadable body)";
        }
    }
}
