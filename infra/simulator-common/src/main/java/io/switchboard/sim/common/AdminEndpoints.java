package io.switchboard.sim.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * {@code /__admin/} endpoints, so a process other than the test JVM (a chaos harness, curl) can drive a
 * simulator. No provider auth: the server listens on loopback only and rejects non-loopback callers.
 * <ul>
 *   <li>{@code GET /__admin/faults} - the rules, with ids</li>
 *   <li>{@code POST /__admin/faults} - add a {@link FaultRule} (JSON) - 201 with the stored rule</li>
 *   <li>{@code DELETE /__admin/faults} - remove all rules - 204; {@code DELETE /__admin/faults/{id}} one rule</li>
 *   <li>{@code GET /__admin/inventory} - owned resources, without secrets</li>
 *   <li>{@code GET /__admin/stats} - {@code {"total":n,"faultsInjected":n,"byOperation":{"op":n}}}</li>
 *   <li>{@code GET /__admin/violations} - requests the provider's document does not allow:
 *       {@code {"total":n,"violations":[{"at","operation","method","path","messages":[..]}]}}</li>
 *   <li>{@code DELETE /__admin/violations} - forget them - 204</li>
 *   <li>{@code POST /__admin/reset} - forget resources, rules, stats and violations - 204</li>
 * </ul>
 */
final class AdminEndpoints {

    private final FaultInjector faults;
    private final RequestStats stats;
    private final ViolationLog violations;
    private final ViolationLog responseViolations;
    private final AdminBackend backend;
    private final Router router;

    AdminEndpoints(FaultInjector faults, RequestStats stats, ViolationLog violations, ViolationLog responseViolations,
                   AdminBackend backend) {
        this.faults = faults;
        this.stats = stats;
        this.violations = violations;
        this.responseViolations = responseViolations;
        this.backend = backend;
        this.router = new Router(List.of(
                Route.of("GET", "/__admin/faults", "admin.faults.list", r -> SimResponse.json(200, faults.rules())),
                Route.of("POST", "/__admin/faults", "admin.faults.add", this::addFault),
                Route.of("DELETE", "/__admin/faults", "admin.faults.clear", r -> clearFaults()),
                Route.of("DELETE", "/__admin/faults/{id}", "admin.faults.remove", this::removeFault),
                Route.of("GET", "/__admin/inventory", "admin.inventory", r -> SimResponse.json(200, backend.inventory())),
                Route.of("GET", "/__admin/stats", "admin.stats", r -> SimResponse.json(200, statsBody())),
                Route.of("GET", "/__admin/violations", "admin.violations.list", r -> SimResponse.json(200, violationsBody())),
                Route.of("DELETE", "/__admin/violations", "admin.violations.clear", r -> clearViolations()),
                Route.of("POST", "/__admin/reset", "admin.reset", r -> reset())));
    }

    SimResponse handle(SimRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        if (match instanceof Router.Found found) {
            return found.route().handler().handle(request.withPathParams(found.pathParams()));
        }
        return match instanceof Router.MethodNotAllowed
                ? error(405, "method not allowed on " + request.path())
                : error(404, "no admin endpoint " + request.path());
    }

    static SimResponse forbidden() {
        return error(403, "admin endpoints answer loopback callers only");
    }

    private SimResponse addFault(SimRequest request) {
        try {
            FaultRule rule = Json.read(request.body(), FaultRule.class);
            return SimResponse.json(201, faults.add(rule));
        } catch (JacksonException | IllegalArgumentException bad) {
            return error(400, "invalid fault rule: " + rootMessage(bad));
        }
    }

    private SimResponse clearFaults() {
        faults.clear();
        return SimResponse.empty(204);
    }

    private SimResponse removeFault(SimRequest request) {
        return faults.remove(request.pathParam("id"))
                ? SimResponse.empty(204)
                : error(404, "no fault rule " + request.pathParam("id"));
    }

    private Map<String, Object> statsBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", stats.total());
        body.put("faultsInjected", faults.injectedCount());
        body.put("byOperation", stats.snapshot());
        return body;
    }

    private Map<String, Object> violationsBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", violations.total());
        body.put("violations", violations.list().stream().map(v -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", v.at().toString());
            item.put("operation", v.operation());
            item.put("method", v.method());
            item.put("path", v.path());
            item.put("messages", v.messages());
            return item;
        }).toList());
        return body;
    }

    private SimResponse clearViolations() {
        violations.clear();
        return SimResponse.empty(204);
    }

    private SimResponse reset() {
        backend.reset();
        faults.clear();
        faults.resetCount();
        stats.reset();
        violations.clear();
        responseViolations.clear();
        return SimResponse.empty(204);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, Map.of("error", message, "status", status));
    }
}
