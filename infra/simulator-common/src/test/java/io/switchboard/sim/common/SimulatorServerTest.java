package io.switchboard.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.sim.common.openapi.OpenApiDocument;
import io.switchboard.sim.common.openapi.SpecFinding;
import io.switchboard.sim.common.testing.Await;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared plumbing, driven over real HTTP through a toy provider with one counter and its own OpenAPI document. */
class SimulatorServerTest {

    private static final OpenApiDocument TOY = OpenApiDocument.load(SimulatorServerTest.class, "/specs/toy_openapi.json", List.of());

    private final AtomicInteger created = new AtomicInteger();
    private final FaultInjector faults = new FaultInjector();
    private SimulatorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpTestClient start(Latency latency, int threads) {
        List<Route> routes = List.of(
                Route.of("POST", "/items", "CreateItem", r -> SimResponse.json(201, Map.of("n", created.incrementAndGet()))),
                Route.of("GET", "/items/{id}", "FetchItem", r -> SimResponse.json(200, r.pathParam("id").equals("leaky")
                        ? Map.of("id", "leaky", "secretSauce", true)
                        : Map.of("id", r.pathParam("id")))),
                Route.of("GET", "/boom", "Boom", r -> {
                    throw new IllegalStateException("bug");
                }));
        Authenticator auth = r -> r.header("x-key").filter("good"::equals).isPresent()
                ? Optional.empty()
                : Optional.of(SimResponse.json(401, Map.of("error", "auth")));
        AdminBackend admin = new AdminBackend() {
            @Override
            public Object inventory() {
                return Map.of("created", created.get());
            }

            @Override
            public void reset() {
                created.set(0);
            }
        };
        server = SimulatorServer.start(new ServerSpec("toy", 0, threads, new Router(routes), new ToyErrors(), auth,
                latency, faults, admin, TOY, true));
        return new HttpTestClient(server.baseUrl()).withHeader("X-Key", "good");
    }

    @Test
    void routesRequestsAndReportsProviderShapedRoutingErrors() {
        HttpTestClient client = start(Latency.none(), 2);

        assertThat(client.get("/items/abc").body()).isEqualTo("{\"id\":\"abc\"}");
        assertThat(client.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(client.get("/nowhere").body()).contains("toy-not-found");
        assertThat(client.delete("/items/abc").statusCode()).isEqualTo(405);
        assertThat(client.get("/boom").statusCode()).isEqualTo(500);
        assertThat(client.get("/boom").body()).contains("toy-internal");
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void authenticatorRejectsBeforeTheHandlerRuns() {
        start(Latency.none(), 2);
        HttpTestClient anonymous = new HttpTestClient(server.baseUrl());

        HttpResponse<String> response = anonymous.postJson("/items", "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(created).hasValue(0);
    }

    @Test
    void fixedLatencyDelaysEveryProviderCall() {
        HttpTestClient client = start(Latency.fixedMillis(200), 2);

        long started = System.nanoTime();
        HttpResponse<String> response = client.get("/items/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theTimeEachRequestWasHeldIsSummedPerOperationLatencyIncluded() {
        HttpTestClient client = start(Latency.fixedMillis(200), 2);

        client.get("/items/1");
        client.get("/items/2");

        assertThat(server.stats().count("FetchItem")).isEqualTo(2);
        assertThat(Duration.ofNanos(server.stats().nanos("FetchItem"))).isBetween(Duration.ofMillis(400),
                Duration.ofSeconds(5));
        assertThat(server.stats().nanosSnapshot()).containsOnlyKeys("FetchItem");
        server.stats().reset();
        assertThat(server.stats().nanos("FetchItem")).isZero();
    }

    @Test
    void delayedRequestsDoNotHoldWorkerThreads() {
        HttpTestClient client = start(Latency.none(), 1);
        faults.add(FaultRule.forOperation("CreateItem").always().delay(Duration.ofSeconds(1)));

        CompletableFuture<HttpResponse<String>> slow1 = CompletableFuture.supplyAsync(() -> client.postJson("/items", "{}"));
        CompletableFuture<HttpResponse<String>> slow2 = CompletableFuture.supplyAsync(() -> client.postJson("/items", "{}"));
        // With one worker thread, a sleeping implementation would make this wait for the slow calls.
        Await.until(() -> server.stats().count("CreateItem") == 2);
        HttpResponse<String> fast = client.get("/items/x");

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(slow1).isNotDone();
        assertThat(slow2).isNotDone();
        assertThat(slow1.join().statusCode()).isEqualTo(201);
        assertThat(slow2.join().statusCode()).isEqualTo(201);
        assertThat(created).hasValue(2);
    }

    @Test
    void failAnswersTheStatusWithoutDoingTheWork() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").onNthCall(1).fail(503));

        HttpResponse<String> first = client.postJson("/items", "{}");
        HttpResponse<String> second = client.postJson("/items", "{}");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).contains("toy-injected-503");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(created).hasValue(1);
    }

    @Test
    void anInjected429CanCarryRetryAfter() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").onNthCall(1).fail(429).withRetryAfterSeconds(3));

        HttpResponse<String> limited = client.postJson("/items", "{}");
        HttpResponse<String> next = client.postJson("/items", "{}");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(next.headers().firstValue("Retry-After")).as("only on injected answers").isEmpty();
        assertThat(created).hasValue(1);
    }

    @Test
    void retryAfterIsPartOfTheAdminJsonRule() {
        FaultRule rule = Json.read("{\"operation\":\"CreateItem\",\"status\":429,\"retryAfterSeconds\":2}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), FaultRule.class);

        assertThat(rule.retryAfterSeconds()).isEqualTo(2);
        assertThat(FaultRule.forOperation("CreateItem").fail(429).retryAfterSeconds()).isNull();
        assertThatThrownBy(() -> FaultRule.forOperation("CreateItem").fail(429).withRetryAfterSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyThenFailDoesTheWorkAndStillFails() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").onNextCalls(1).applyThenFail(500));

        HttpResponse<String> response = client.postJson("/items", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(created).hasValue(1);
    }

    @Test
    void applyThenHangMakesTheClientTimeOutAfterTheEffect() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").onNextCalls(1).applyThenFail(500, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(300)).postJson("/items", "{}"))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(created).hasValue(1);
    }

    /** The JDK server closes dropped sockets on its selector tick, so each drop takes up to ~1 s to be seen. */
    @Test
    void dropClosesTheConnectionWithoutAnswerAndApplyThenDropKeepsTheEffect() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").onNthCall(1).drop());
        faults.add(FaultRule.forOperation("CreateItem").onNthCall(2).applyThenDrop());

        assertThatThrownBy(() -> client.postJson("/items", "{}")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(created).hasValue(0);
        assertThatThrownBy(() -> client.postJson("/items", "{}")).isInstanceOf(UncheckedIOException.class);
        assertThat(created).hasValue(1);
    }

    @Test
    void adminEndpointsDriveFaultsStatsInventoryAndReset() {
        HttpTestClient client = start(Latency.none(), 2);
        HttpTestClient admin = new HttpTestClient(server.baseUrl());

        HttpResponse<String> added = admin.postJson("/__admin/faults",
                "{\"operation\":\"CreateItem\",\"trigger\":\"NTH\",\"count\":2,\"action\":\"FAIL\",\"status\":502}");
        assertThat(added.statusCode()).isEqualTo(201);
        String id = HttpTestClient.json(added).get("id").stringValue();

        assertThat(client.postJson("/items", "{}").statusCode()).isEqualTo(201);
        assertThat(client.postJson("/items", "{}").statusCode()).isEqualTo(502);
        assertThat(HttpTestClient.json(admin.get("/__admin/faults")).get(0).get("id").stringValue()).isEqualTo(id);

        var stats = HttpTestClient.json(admin.get("/__admin/stats"));
        assertThat(stats.get("byOperation").get("CreateItem").asInt()).isEqualTo(2);
        assertThat(stats.get("faultsInjected").asInt()).isEqualTo(1);
        assertThat(HttpTestClient.json(admin.get("/__admin/inventory")).get("created").asInt()).isEqualTo(1);

        assertThat(admin.delete("/__admin/faults/" + id).statusCode()).isEqualTo(204);
        assertThat(admin.delete("/__admin/faults/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.postJson("/__admin/faults", "{\"trigger\":\"SOMETIMES\"}").statusCode()).isEqualTo(400);
        assertThat(admin.get("/__admin/nope").statusCode()).isEqualTo(404);

        assertThat(admin.postJson("/__admin/reset", "").statusCode()).isEqualTo(204);
        assertThat(created).hasValue(0);
        assertThat(HttpTestClient.json(admin.get("/__admin/stats")).get("total").asInt()).isZero();
    }

    @Test
    void requestsTheDocumentDoesNotAllowGetTheProvidersErrorNeverReachTheHandlerAndAreRecorded() {
        HttpTestClient client = start(Latency.none(), 2);

        HttpResponse<String> undeclared = client.postJson("/items", "{\"name\":\"sesame\",\"colour\":\"red\"}");
        HttpResponse<String> unknownQuery = client.get("/items/abc?verbose=true&debug=1");
        HttpResponse<String> badPath = client.get("/items/ABC");

        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(HttpTestClient.json(undeclared).get("error").stringValue()).isEqualTo("toy-invalid");
        assertThat(unknownQuery.statusCode()).isEqualTo(400);
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(created).hasValue(0);
        assertThat(server.violations().list()).extracting(Violation::operation, Violation::method, Violation::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CreateItem", "POST", "/items"),
                        org.assertj.core.groups.Tuple.tuple("FetchItem", "GET", "/items/abc"),
                        org.assertj.core.groups.Tuple.tuple("FetchItem", "GET", "/items/ABC"));
        assertThat(server.violations().list().get(0).messages())
                .containsExactly("additionalProperties at /", "maxLength at /name");
        assertThat(server.violations().list().get(1).messages()).containsExactly("parameter.query.unexpected debug");
        // Values never reach the record: they can be secrets.
        assertThat(server.violations().list().toString()).doesNotContain("sesame").doesNotContain("red");
    }

    @Test
    void authenticationComesBeforeTheDocumentAndConformingRequestsAreNotRecorded() {
        HttpTestClient client = start(Latency.none(), 2);

        HttpResponse<String> anonymousAndInvalid = new HttpTestClient(server.baseUrl()).postJson("/items", "{\"colour\":1}");
        HttpResponse<String> fine = client.postJson("/items", "{\"name\":\"ok\",\"kind\":\"big\"}");

        assertThat(anonymousAndInvalid.statusCode()).isEqualTo(401);
        assertThat(fine.statusCode()).isEqualTo(201);
        assertThat(server.violations().list()).isEmpty();
    }

    @Test
    void unmatchedRequestsAreRecordedSayingWhetherTheDocumentDeclaresThem() {
        HttpTestClient client = start(Latency.none(), 2);

        assertThat(client.get("/documented-only").statusCode()).isEqualTo(404);
        assertThat(client.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(client.delete("/items/abc").statusCode()).isEqualTo(405);

        assertThat(server.violations().list()).extracting(Violation::operation).containsOnly(RequestStats.UNMATCHED);
        assertThat(server.violations().list()).extracting(v -> v.messages().get(0)).containsExactly(
                "the document declares this operation, but the simulator does not serve it",
                "the document declares no operation for this method and path",
                "the document declares no operation for this method and path");
    }

    @Test
    void aRequestAnInjectedFaultAnswersIsStillChecked() {
        HttpTestClient client = start(Latency.none(), 2);
        faults.add(FaultRule.forOperation("CreateItem").always().fail(503));

        assertThat(client.postJson("/items", "{\"colour\":1}").statusCode()).isEqualTo(503);

        assertThat(server.violations().list()).singleElement()
                .satisfies(v -> assertThat(v.messages()).containsExactly("additionalProperties at /"));
    }

    @Test
    void violationsAreServedClearedAndResetByTheAdminEndpoints() {
        HttpTestClient client = start(Latency.none(), 2);
        HttpTestClient admin = new HttpTestClient(server.baseUrl());
        client.postJson("/items", "{\"colour\":1}");

        var body = HttpTestClient.json(admin.get("/__admin/violations"));
        assertThat(body.get("total").asInt()).isEqualTo(1);
        var violation = body.get("violations").get(0);
        assertThat(violation.get("operation").stringValue()).isEqualTo("CreateItem");
        assertThat(violation.get("method").stringValue()).isEqualTo("POST");
        assertThat(violation.get("path").stringValue()).isEqualTo("/items");
        assertThat(violation.get("messages").get(0).stringValue()).isEqualTo("additionalProperties at /");
        assertThat(violation.get("at").stringValue()).isNotBlank();

        assertThat(admin.delete("/__admin/violations").statusCode()).isEqualTo(204);
        assertThat(server.violations().total()).isZero();
        client.get("/nowhere");
        assertThat(admin.postJson("/__admin/reset", "").statusCode()).isEqualTo(204);
        assertThat(HttpTestClient.json(admin.get("/__admin/violations")).get("violations")).isEmpty();
    }

    @Test
    void responsesAreCheckedAgainstTheDocumentExceptUndeclaredStatuses() {
        HttpTestClient client = start(Latency.none(), 2);

        assertThat(client.get("/items/abc").statusCode()).isEqualTo(200);
        assertThat(client.get("/boom").statusCode()).isEqualTo(500);
        assertThat(server.responseViolations().list()).isEmpty();

        assertThat(client.get("/items/leaky").statusCode()).isEqualTo(200);

        assertThat(server.responseViolations().list()).singleElement().satisfies(v -> {
            assertThat(v.operation()).isEqualTo("FetchItem");
            assertThat(String.join("\n", v.messages())).contains("status 200").contains("secretSauce");
        });
        assertThat(server.violations().list()).isEmpty();
    }

    @Test
    void adminDeleteAllFaultsClearsRules() {
        start(Latency.none(), 2);
        HttpTestClient admin = new HttpTestClient(server.baseUrl());
        faults.add(FaultRule.forOperation("CreateItem").always().fail(500));

        assertThat(admin.delete("/__admin/faults").statusCode()).isEqualTo(204);
        assertThat(faults.rules()).isEmpty();
    }

    private static final class ToyErrors implements ProviderErrors {
        @Override
        public SimResponse injected(int status) {
            return SimResponse.json(status, Map.of("error", "toy-injected-" + status));
        }

        @Override
        public SimResponse notFound(SimRequest request) {
            return SimResponse.json(404, Map.of("error", "toy-not-found"));
        }

        @Override
        public SimResponse methodNotAllowed(SimRequest request) {
            return SimResponse.json(405, Map.of("error", "toy-method"));
        }

        @Override
        public SimResponse internalError() {
            return SimResponse.json(500, Map.of("error", "toy-internal"));
        }

        /** One message per finding: the keyword and where, never the value. */
        @Override
        public Rejection invalidRequest(SimRequest request, List<SpecFinding> findings) {
            List<String> messages = findings.stream().map(f -> f.isParameter()
                    ? f.keyword() + " " + f.parameter()
                    : f.keyword() + " at " + (f.pointer() == null || f.pointer().isEmpty() ? "/" : f.pointer())).toList();
            return new Rejection(SimResponse.json(400, Map.of("error", "toy-invalid", "problems", messages)), messages);
        }
    }
}
