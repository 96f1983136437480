package io.switchboard.sim.common;

import com.sun.net.httpserver.HttpExchange;
import com.google.common.util.concurrent.ExecutionError;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.sim.common.openapi.SpecFinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP plumbing both simulators share: JDK HttpServer on loopback, a bounded worker pool, latency and
 * fault injection, provider auth, validation against the provider's OpenAPI document, and the {@code /__admin/}
 * endpoints.
 * <p>
 * A routed request is authenticated first (a bad key is a 401, as at the real providers), then checked against the
 * document; a request the document does not allow gets the provider's validation error, is recorded as a
 * {@link Violation} and never reaches the handler, so it changes no state. Requests no route matches are recorded
 * too. Injected faults answer instead of the handler as before, but the request is still checked and recorded.
 * <p>
 * Delays (latency, injected delays, "hang" after applying) are scheduled rather than slept: the handler
 * returns and the exchange is finished later, so a thousand slow requests do not need a thousand threads.
 * Only method, path and status are ever logged; headers and bodies carry secrets.
 */
public final class SimulatorServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus the client's
        // delayed ACK adds ~40 ms to many responses. Read once by the JDK, so set it before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String ADMIN_PREFIX = "/__admin";
    private static final int QUEUE_CAPACITY = 10_000;

    private final ServerSpec spec;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private static final String TIMING = "switchboard.timing";
    private final RequestStats stats = new RequestStats();
    private final ViolationLog violations = new ViolationLog();
    private final ViolationLog responseViolations = new ViolationLog();
    private final AdminEndpoints admin;
    private final System.Logger log;

    private SimulatorServer(ServerSpec spec) throws IOException {
        this.spec = spec;
        this.log = System.getLogger("io.switchboard.sim." + spec.name());
        this.workers = new ThreadPoolExecutor(spec.threads(), spec.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), daemonThreads(spec.name() + "-worker"),
                // Overload beyond the queue: serve on the dispatcher thread rather than drop the connection.
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads(spec.name() + "-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.admin = new AdminEndpoints(spec.faults(), stats, violations, responseViolations, spec.admin());
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.port()), 0);
        this.http.setExecutor(workers);
        this.http.createContext("/", this::handle);
        this.http.start();
    }

    public static SimulatorServer start(ServerSpec spec) {
        try {
            return new SimulatorServer(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name() + " on port " + spec.port(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public RequestStats stats() {
        return stats;
    }

    /** Requests the provider's document does not allow, and requests no route matched; see {@link Violation}. */
    public ViolationLog violations() {
        return violations;
    }

    /**
     * The simulator's own responses that its document does not allow (only when {@link ServerSpec#checkResponses()});
     * statuses the document does not declare for an operation are not checked.
     */
    public ViolationLog responseViolations() {
        return responseViolations;
    }

    @Override
    public void close() {
        http.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long received = System.nanoTime();
        SimRequest request;
        try {
            request = read(exchange);
        } catch (IOException | RuntimeException e) {
            exchange.close();
            return;
        }
        if (request.path().equals(ADMIN_PREFIX) || request.path().startsWith(ADMIN_PREFIX + "/")) {
            boolean loopback = exchange.getRemoteAddress().getAddress().isLoopbackAddress();
            send(exchange, request, loopback ? admin.handle(request) : AdminEndpoints.forbidden());
            return;
        }
        Router.Match match = spec.router().match(request.method(), request.path());
        String operation = match instanceof Router.Found found ? found.route().operation() : RequestStats.UNMATCHED;
        stats.record(operation);
        exchange.setAttribute(TIMING, new Timing(operation, received));
        Optional<FaultRule> fault = spec.faults().decide(request.method(), request.path(), operation);
        Duration beforeWork = spec.latency().next(operation);
        if (fault.isPresent() && fault.get().action() == FaultRule.Action.DELAY) {
            beforeWork = beforeWork.plus(fault.get().delay());
        }
        after(beforeWork, exchange, () -> respond(exchange, request, match, fault.orElse(null)));
    }

    private void respond(HttpExchange exchange, SimRequest request, Router.Match match, FaultRule fault) {
        Screening screening = screen(request, match);
        SimResponse real = fault == null || fault.action().appliesEffect() ? process(screening) : null;
        if (fault == null || fault.action().answersNormally()) {
            send(exchange, request, checked(screening, real));
            return;
        }
        log.log(Level.DEBUG, () -> "injecting " + fault.action() + " into " + request);
        after(fault.delay(), exchange, () -> {
            if (fault.action().dropsConnection()) {
                // No response headers were sent, so the JDK closes the socket (on its next selector tick, <= 1 s).
                exchange.close();
            } else {
                SimResponse injected = spec.errors().injected(fault.status());
                send(exchange, request, checked(screening, fault.retryAfterSeconds() == null ? injected
                        : injected.withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()))));
            }
        });
    }

    /**
     * What was decided before any handler runs: route, provider auth, then the document.
     *
     * @param routed    the request with its path parameters when a route matched, else the request as received
     * @param route     the matched route, else null
     * @param rejection the answer instead of the handler's (404/405, 401, validation error), else null
     */
    private record Screening(SimRequest routed, Route route, SimResponse rejection) {
    }

    /** Records violations here, so that they are recorded even when an injected fault answers instead. */
    private Screening screen(SimRequest request, Router.Match match) {
        try {
            if (!(match instanceof Router.Found found)) {
                boolean declared = spec.document().declares(request.method(), request.path());
                record(new Violation(Instant.now(), RequestStats.UNMATCHED, request.method(), request.path(),
                        List.of(declared
                                ? "the document declares this operation, but the simulator does not serve it"
                                : "the document declares no operation for this method and path")));
                return new Screening(request, null, match instanceof Router.MethodNotAllowed
                        ? spec.errors().methodNotAllowed(request)
                        : spec.errors().notFound(request));
            }
            SimRequest routed = request.withPathParams(found.pathParams());
            Optional<SimResponse> unauthorized = spec.authenticator().reject(routed);
            if (unauthorized.isPresent()) {
                return new Screening(routed, found.route(), unauthorized.get());
            }
            List<SpecFinding> findings = spec.document().checkRequest(routed);
            if (findings.isEmpty()) {
                return new Screening(routed, found.route(), null);
            }
            ProviderErrors.Rejection rejection = spec.errors().invalidRequest(routed, findings);
            record(new Violation(Instant.now(), found.route().operation(), request.method(), request.path(),
                    rejection.messages()));
            return new Screening(routed, found.route(), rejection.response());
        } catch (RuntimeException | StackOverflowError | ExecutionError bug) {
            // The validator library can fail on its own (a deep schema); the client still gets an answer.
            log.log(Level.ERROR, "screening failed for " + request + ": " + bug.getClass().getName());
            return new Screening(request, null, spec.errors().internalError());
        }
    }

    /** Logged too, so a run shows them without asking: operation, method, path and value-free messages only. */
    private void record(Violation violation) {
        violations.record(violation);
        log.log(Level.WARNING, () -> "request the provider's document does not allow: " + violation.method() + " "
                + violation.path() + " (" + violation.operation() + "): " + violation.messages());
    }

    private SimResponse process(Screening screening) {
        if (screening.rejection() != null) {
            return screening.rejection();
        }
        try {
            return screening.route().handler().handle(screening.routed());
        } catch (RuntimeException bug) {
            log.log(Level.ERROR, "handler failed for " + screening.routed() + ": " + bug.getClass().getName());
            return spec.errors().internalError();
        }
    }

    /** With {@link ServerSpec#checkResponses()}, records what the document does not allow in a routed response. */
    private SimResponse checked(Screening screening, SimResponse response) {
        if (!spec.checkResponses() || screening.route() == null) {
            return response;
        }
        List<String> problems;
        try {
            problems = spec.document().checkResponse(screening.routed(), response);
        } catch (RuntimeException | StackOverflowError | ExecutionError bug) {
            problems = List.of("response check failed: " + bug.getClass().getName());
        }
        if (!problems.isEmpty()) {
            List<String> messages = new java.util.ArrayList<>();
            messages.add("status " + response.status());
            messages.addAll(problems);
            responseViolations.record(new Violation(Instant.now(), screening.route().operation(),
                    screening.routed().method(), screening.routed().path(), messages));
        }
        return response;
    }

    /** Runs now when there is no delay, else later on a worker; the exchange stays open meanwhile. */
    private void after(Duration delay, HttpExchange exchange, Runnable step) {
        Runnable guarded = () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.log(Level.ERROR, "simulator step failed: " + e.getClass().getName());
                exchange.close();
            }
        };
        if (delay.isZero() || delay.isNegative()) {
            guarded.run();
            return;
        }
        try {
            timer.schedule(() -> workers.execute(guarded), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            exchange.close();
        }
    }

    /** A provider request's operation and when it was read (nanoTime), carried on the exchange to its response. */
    private record Timing(String operation, long received) {
    }

    private void send(HttpExchange exchange, SimRequest request, SimResponse response) {
        try {
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            log.log(Level.DEBUG, () -> request + " -> " + response.status());
            if (exchange.getAttribute(TIMING) instanceof Timing timing) {
                stats.recordTime(timing.operation(), System.nanoTime() - timing.received());
            }
        } catch (IOException clientGone) {
            log.log(Level.DEBUG, () -> request + ": client went away");
        } finally {
            exchange.close();
        }
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new SimRequest(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(),
                FormCodec.decode(exchange.getRequestURI().getRawQuery()),
                headers,
                body,
                Map.of());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
