package io.switchboard.sim.common;

/** The error bodies a provider would send, so injected and routing errors look like the real thing. */
public interface ProviderErrors {

    /** Body for an injected fault with this HTTP status (429, 500, 502, 503...). */
    SimResponse injected(int status);

    SimResponse notFound(SimRequest request);

    SimResponse methodNotAllowed(SimRequest request);

    /** A handler threw: the simulator has a bug, but the client should still see a provider-shaped 500. */
    SimResponse internalError();
}
