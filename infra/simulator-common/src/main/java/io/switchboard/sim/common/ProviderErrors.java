package io.switchboard.sim.common;

import io.switchboard.sim.common.openapi.SpecFinding;
import java.util.List;

/** The error bodies a provider would send, so injected, routing and validation errors look like the real thing. */
public interface ProviderErrors {

    /** Body for an injected fault with this HTTP status (429, 500, 502, 503...). */
    SimResponse injected(int status);

    SimResponse notFound(SimRequest request);

    SimResponse methodNotAllowed(SimRequest request);

    /** A handler threw: the simulator has a bug, but the client should still see a provider-shaped 500. */
    SimResponse internalError();

    /**
     * The provider's answer to a request its document does not allow (never empty {@code findings}), and the
     * messages to record as the violation. The messages must not quote request values: they can be secrets.
     */
    Rejection invalidRequest(SimRequest request, List<SpecFinding> findings);

    /** What {@link #invalidRequest} answers and records. */
    record Rejection(SimResponse response, List<String> messages) {
        public Rejection {
            messages = List.copyOf(messages);
        }
    }
}
