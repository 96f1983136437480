package io.switchboard.sim.twilio;

import io.switchboard.sim.common.Authenticator;
import io.switchboard.sim.common.HttpAuth;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic with the Account SID as username and its Auth Token as password; the SID must also be the one
 * in the path (one account cannot act on another's numbers). Anything else is Twilio's 401 / 20003.
 */
final class TwilioAuthenticator implements Authenticator {

    private final Map<String, String> tokensBySid;

    TwilioAuthenticator(Map<String, String> tokensBySid) {
        this.tokensBySid = Map.copyOf(tokensBySid);
    }

    @Override
    public Optional<SimResponse> reject(SimRequest request) {
        String pathSid = request.pathParam("AccountSid");
        boolean ok = HttpAuth.basic(request)
                .filter(credentials -> credentials.username().equals(pathSid))
                .filter(credentials -> HttpAuth.secretsEqual(tokensBySid.get(credentials.username()), credentials.password()))
                .isPresent();
        return ok ? Optional.empty() : Optional.of(TwilioErrors.render(TwilioError.authenticate())
                .withHeader("WWW-Authenticate", "Basic realm=\"Twilio API\""));
    }
}
