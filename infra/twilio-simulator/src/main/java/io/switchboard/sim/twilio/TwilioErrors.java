package io.switchboard.sim.twilio;

import io.switchboard.sim.common.ProviderErrors;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import io.switchboard.sim.common.openapi.SpecFinding;
import java.util.List;

/** Twilio-shaped bodies for the errors the shared server produces (routing, validation, injected faults, bugs). */
final class TwilioErrors implements ProviderErrors {

    static SimResponse render(TwilioError error) {
        return SimResponse.json(error.status(), error.body());
    }

    @Override
    public SimResponse injected(int status) {
        if (status == 429) {
            return render(TwilioError.tooManyRequests());
        }
        if (status >= 500) {
            return render(TwilioError.serverError(status));
        }
        return render(new TwilioError(status, null, "Injected fault"));
    }

    @Override
    public SimResponse notFound(SimRequest request) {
        return render(TwilioError.notFound(request.path()));
    }

    @Override
    public SimResponse methodNotAllowed(SimRequest request) {
        return render(TwilioError.methodNotAllowed());
    }

    @Override
    public SimResponse internalError() {
        return render(TwilioError.serverError(500));
    }

    @Override
    public Rejection invalidRequest(SimRequest request, List<SpecFinding> findings) {
        return TwilioValidationErrors.render(request.path(), findings);
    }
}
