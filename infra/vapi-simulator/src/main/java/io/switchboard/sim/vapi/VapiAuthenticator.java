package io.switchboard.sim.vapi;

import io.switchboard.sim.common.Authenticator;
import io.switchboard.sim.common.HttpAuth;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.util.Optional;

/** {@code Authorization: Bearer <private API key>}; anything else is VAPI's 401. */
final class VapiAuthenticator implements Authenticator {

    private final String apiKey;

    VapiAuthenticator(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Optional<SimResponse> reject(SimRequest request) {
        boolean ok = HttpAuth.bearer(request).filter(token -> HttpAuth.secretsEqual(apiKey, token)).isPresent();
        return ok ? Optional.empty() : Optional.of(VapiErrors.render(VapiError.unauthorized()));
    }
}
