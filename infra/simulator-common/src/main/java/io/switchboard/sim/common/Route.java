package io.switchboard.sim.common;

/**
 * One provider operation.
 *
 * @param operation the provider's operation id (e.g. {@code CreateIncomingPhoneNumber}); used by stats,
 *                  per-operation latency and fault rules
 */
public record Route(String method, PathTemplate path, String operation, Handler handler) {

    public static Route of(String method, String pathTemplate, String operation, Handler handler) {
        return new Route(method, new PathTemplate(pathTemplate), operation, handler);
    }
}
