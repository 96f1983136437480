package io.switchboard.adapters.twilio;

import com.twilio.http.Request;
import com.twilio.http.Response;
import io.switchboard.adapters.twilio.http.BaseUrlHttpClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The production transport, noting when each request left (to measure the waits between attempts). */
final class TimestampingHttpClient extends BaseUrlHttpClient {
    record Sent(String method, String path, long atNanos) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    TimestampingHttpClient(String baseUrl) {
        super(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Override
    public Response makeRequest(Request request) {
        sent.add(new Sent(request.getMethod().toString(), request.getUrl(), System.nanoTime()));
        return super.makeRequest(request);
    }

    /** The requests with this method whose URL contains {@code pathPart}, in order. */
    List<Sent> of(String method, String pathPart) {
        return sent.stream().filter(s -> s.method().equals(method) && s.path().contains(pathPart)).toList();
    }

    static Duration between(Sent first, Sent second) {
        return Duration.ofNanos(second.atNanos() - first.atNanos());
    }
}
