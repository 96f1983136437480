package io.switchboard.sim.vapi;

import io.switchboard.sim.common.ProviderErrors;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import io.switchboard.sim.common.openapi.SpecFinding;
import java.util.List;

/** VAPI-shaped bodies for the errors the shared server produces (routing, validation, injected faults, bugs). */
final class VapiErrors implements ProviderErrors {


    static SimResponse render(VapiError error) {
        return SimResponse.json(error.status(), error.body());
    }

    @Override
    public SimResponse injected(int status) {
        return render(VapiError.status(status));
    }

    @Override
    public SimResponse notFound(SimRequest request) {
        return render(VapiError.noRoute(request.method(), request.path()));
    }

    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        // NestJS has no 405: an unmapped method on a known path is "Cannot PUT /assistant".
        return render(VapiError.noRoute(request.method(), request.path()));
    }

    @Override
    public SimResponse internalError() {
        return render(VapiError.status(500));
    }

    @Override
    public Rejection invalidRequest(SimRequest request, List<SpecFinding> findings) {
        return VapiValidationErrors.render(findings);
    }
}
