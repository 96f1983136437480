package io.switchboard.sim.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route for a request, telling "no such path" apart from "path exists, wrong method". */
public final class Router {

    /** Outcome of a lookup: a route with its path variables, or why there is none. */
    public sealed interface Match permits Found, MethodNotAllowed, NotFound {
    }

    public record Found(Route route, Map<String, String> pathParams) implements Match {
    }

    public record MethodNotAllowed() implements Match {
    }

    public record NotFound() implements Match {
    }

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.path().match(path);
            if (params.isPresent()) {
                if (route.method().equalsIgnoreCase(method)) {
                    return new Found(route, params.get());
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new MethodNotAllowed() : new NotFound();
    }
}
