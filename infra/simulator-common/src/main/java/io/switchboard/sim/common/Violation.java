package io.switchboard.sim.common;

import java.time.Instant;
import java.util.List;

/**
 * A request the provider's document does not allow (or a response of the simulator's that it does not allow, see
 * {@link SimulatorServer#responseViolations()}). Never carries the body, the query string or the headers: they hold
 * credentials and tokens.
 *
 * @param operation the provider's operationId, or {@value RequestStats#UNMATCHED} when no route matched
 * @param messages  what is wrong, in the provider's own wording where the simulator answers with it
 */
public record Violation(Instant at, String operation, String method, String path, List<String> messages) {

    public Violation {
        messages = List.copyOf(messages);
    }
}
