package io.switchboard.adapters.twilio.http;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.RestException;
import io.switchboard.messaging.resilience.RetryAfterHeader;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transport under the official Twilio SDK. It exists for three reasons:
 * <ul>
 *   <li>the SDK hard-codes {@code https://{product}.twilio.com}; this client sends the same path and query to a
 *       configurable base URL (Twilio in production, the simulator locally);</li>
 *   <li>the SDK's own client re-sends any request, POST included, on a 5xx — a purchase could be bought twice.
 *       Here every request is made exactly once; retries of idempotent calls happen above, in Resilience4j;</li>
 *   <li>the SDK's client applies its own fixed per-request timeouts; here connect and read timeouts are ours.</li>
 * </ul>
 * Responses carry their headers: the SDK logs them with {@code logging.level.com.twilio=DEBUG}. A 429 leaves as
 * {@link RateLimitedResponseException}, so that its {@code Retry-After} reaches the retry.
 * A timeout or connection error surfaces as {@link ApiConnectionException}: for a POST that means the outcome is
 * unknown and the caller must look before it buys again.
 */
public class BaseUrlHttpClient extends HttpClient {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int TOO_MANY_REQUESTS = 429;

    private final String baseUrl;
    private final Duration readTimeout;
    private final java.net.http.HttpClient http;
    private final ObjectMapper errorReader = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    public BaseUrlHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.readTimeout = readTimeout;
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** One attempt for every method: the SDK's built-in 5xx loop would re-POST purchases. */
    @Override
    public Response reliableRequest(Request request) {
        return reliableRequest(request, new int[0], 1, 0L);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest httpRequest = toHttpRequest(request);
        try {
            HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = TwilioErrorBodies.normalize(response.statusCode(), response.body());
            if (response.statusCode() == TOO_MANY_REQUESTS) {
                throw rateLimited(body, response);
            }
            return new Response(body, response.statusCode(), headersOf(response));
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer " + request.getMethod() + " within " + readTimeout, e);
        } catch (IOException e) {
            throw new ApiConnectionException("Could not reach Twilio (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling Twilio", e);
        }
    }

    /** Twilio's error, as the SDK would have read it from the body, with the wait the answer asked for. */
    private RateLimitedResponseException rateLimited(String body, HttpResponse<String> response) {
        RestException error = RestException.fromJson(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), errorReader);
        Duration retryAfter = response.headers().firstValue(RetryAfterHeader.NAME)
                .flatMap(value -> RetryAfterHeader.parse(value, clock)).orElse(null);
        return error == null
                ? new RateLimitedResponseException("Too Many Requests", 20429, null, retryAfter)
                : new RateLimitedResponseException(error.getMessage(), error.getCode(), error.getMoreInfo(), retryAfter);
    }

    /**
     * The response's headers as the SDK expects them: it logs them at DEBUG and fails on every call when there are
     * none. A cookie is dropped on the way, so that it never reaches a log line.
     */
    static Header[] headersOf(HttpResponse<?> response) {
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(value -> headers.add(new BasicHeader(name, value)));
            }
        });
        return headers.toArray(Header[]::new);
    }

    private HttpRequest toHttpRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(rewrite(request))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "switchboard twilio-java/" + Twilio.VERSION);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON && request.getBody() != null;
            builder.header("Content-Type", json ? "application/json" : FORM);
            String body = json ? request.getBody() : request.encodeFormBody();
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** Same path and query as the SDK built, on our base URL. */
    private URI rewrite(Request request) {
        try {
            URI original = request.constructURL().toURI();
            String query = original.getRawQuery();
            return URI.create(baseUrl + original.getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("SDK built an invalid URL", e);
        }
    }
}
