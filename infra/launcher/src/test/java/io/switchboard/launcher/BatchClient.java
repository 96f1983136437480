package io.switchboard.launcher;

import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.batches.BatchItemPage;
import io.switchboard.orchestrator.batches.BatchItemView;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What ops do with batches over the API ({@code /api/v1/batches}), through the line client's authorised calls. */
final class BatchClient {
    private final LineClient http;
    private final JsonCodec codec = new JsonCodec();

    BatchClient(LineClient http) {
        this.http = http;
    }

    /** Creates the batch and expects 201. */
    BatchView create(String json) {
        HttpResponse<String> response = http.post("/api/v1/batches", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).isPresent();
        return codec.decodeLenient(response.body(), BatchView.class);
    }

    BatchView get(UUID id) {
        HttpResponse<String> response = http.get("/api/v1/batches/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), BatchView.class);
    }

    BatchView act(UUID id, String action) {
        HttpResponse<String> response = http.post("/api/v1/batches/" + id + "/" + action, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), BatchView.class);
    }

    List<BatchItemView> items(UUID id) {
        HttpResponse<String> response = http.get("/api/v1/batches/" + id + "/items?limit=500");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), BatchItemPage.class).items();
    }

    BatchItemView item(UUID id, String orgId) {
        return items(id).stream().filter(i -> i.orgId().equals(orgId)).findFirst().orElseThrow();
    }

    BatchView awaitStatus(UUID id, BatchStatus status, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> get(id), b -> b.status() == status && b.inFlight() == 0);
    }
}
