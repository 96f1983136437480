package io.switchboard.sim.common;

import java.util.Optional;

/** Checks provider credentials before a handler runs; answers the provider's 401 when they are wrong. */
@FunctionalInterface
public interface Authenticator {

    /** Empty when the request may proceed, else the rejection to send. */
    Optional<SimResponse> reject(SimRequest request);
}
