package io.switchboard.sim.common;

/** Serves one provider operation. May throw; the server turns that into the provider's 500. */
@FunctionalInterface
public interface Handler {
    SimResponse handle(SimRequest request);
}
