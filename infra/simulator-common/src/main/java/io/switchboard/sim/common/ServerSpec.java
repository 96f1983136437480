package io.switchboard.sim.common;

import io.switchboard.sim.common.openapi.OpenApiDocument;

/**
 * Everything {@link SimulatorServer} needs to serve one provider.
 *
 * @param name    thread-name prefix and log name
 * @param port    0 picks a free port
 * @param threads size of the bounded worker pool
 * @param document the provider's OpenAPI document every routed request is checked against
 * @param checkResponses also check every response against the document and record mismatches as
 *                       {@link SimulatorServer#responseViolations()}: a few milliseconds per request, meant for the
 *                       simulators' own tests
 */
public record ServerSpec(
        String name,
        int port,
        int threads,
        Router router,
        ProviderErrors errors,
        Authenticator authenticator,
        Latency latency,
        FaultInjector faults,
        AdminBackend admin,
        OpenApiDocument document,
        boolean checkResponses) {

    public ServerSpec {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }
}
