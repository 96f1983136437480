package io.switchboard.orchestrator.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.switchboard.orchestrator.api.security.AccessPolicy.Decision.ALLOW;
import static io.switchboard.orchestrator.api.security.AccessPolicy.Decision.FORBIDDEN;
import static io.switchboard.orchestrator.api.security.AccessPolicy.Decision.NOT_FOUND;
import static io.switchboard.orchestrator.api.security.AccessPolicy.Decision.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();
    private final Optional<Caller> ops = Optional.of(new Caller.Ops());
    private final Optional<Caller> acme = Optional.of(new Caller.Organization("acme"));

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/organizations/acme/ai-status",
            "POST, /api/v1/organizations/acme/retry-ai-setup",
            "DELETE, /api/v1/organizations/acme/ai-setup",
            "GET, /api/v1/organizations/acme/requests/r-1",
            "GET, /api/v1/organizations/acme/some-endpoint-added-later",
            "GET, /api/v1/organizations/acme",
            "PUT, /api/v1/organizations/acme/numbers/PN1/assistant"})
    void anOrganizationTokenReachesItsOwnOrganization(String method, String path) {
        assertThat(policy.decide(method, path, acme)).isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/organizations/globex/ai-status",
            "POST, /api/v1/organizations/globex/retry-ai-setup",
            "DELETE, /api/v1/organizations/globex/ai-setup",
            "GET, /api/v1/organizations/globex/requests/r-1",
            "GET, /api/v1/organizations/globex/some-endpoint-added-later",
            "GET, /api/v1/organizations/acme-not/ai-status",
            "GET, /api/v1/organizations/ACME/ai-status",
            "PUT, /api/v1/organizations/globex/numbers/PN1/assistant"})
    void anotherOrganizationIsNotFoundNeverForbidden(String method, String path) {
        assertThat(policy.decide(method, path, acme)).isEqualTo(NOT_FOUND);
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/sagas",
            "GET, /api/v1/sagas/4b7d7c40-0000-0000-0000-000000000000",
            "POST, /api/v1/sagas/replay",
            "GET, /api/v1/dead-letters",
            "POST, /api/v1/number-pool/provision",
            "GET, /actuator/prometheus",
            "GET, /api/v2/anything",
            "PATCH, /api/v1/organizations/acme/ai-status",
            "GET, /api/v1/assistant-templates",
            "POST, /api/v1/assistant-templates",
            "GET, /api/v1/organizations/acme/assistant-template",
            "PUT, /api/v1/organizations/acme/assistant-template",
            "DELETE, /api/v1/organizations/acme/assistant-template",
            "POST, /api/v1/organizations/acme/assistant-template/apply"})
    void opsEndpointsAreForbiddenToOrganizationTokens(String method, String path) {
        assertThat(policy.decide(method, path, acme)).isEqualTo(FORBIDDEN);
    }

    @Test
    void opsTokensMayCallEverythingAndNoTokenMayCallNothingButHealth() {
        for (String path : List.of("/api/v1/sagas", "/api/v1/organizations/globex/ai-status", "/actuator/prometheus")) {
            assertThat(policy.decide("GET", path, ops)).isEqualTo(ALLOW);
            assertThat(policy.decide("GET", path, Optional.empty())).isEqualTo(UNAUTHORIZED);
        }
        assertThat(policy.decide("GET", "/actuator/health", Optional.empty())).isEqualTo(ALLOW);
        assertThat(policy.decide("GET", "/actuator/health/liveness", Optional.empty())).isEqualTo(ALLOW);
        assertThat(policy.decide("GET", "/actuator/healthz", Optional.empty())).isEqualTo(UNAUTHORIZED);
    }

    /** The console's own gate (a sign-in cookie with these same tokens, CSRF) checks its paths; not a prefix match. */
    @Test
    void theConsoleIsLeftToItsOwnGate() {
        assertThat(policy.decide("GET", "/console", Optional.empty())).isEqualTo(ALLOW);
        assertThat(policy.decide("POST", "/console/sagas/x/replay", Optional.empty())).isEqualTo(ALLOW);
        assertThat(policy.decide("GET", "/consoles", Optional.empty())).isEqualTo(UNAUTHORIZED);
        assertThat(policy.decide("GET", "/console-api/v1/sagas", acme)).isEqualTo(FORBIDDEN);
    }

    /** A leaked organization token must not mint a successor that survives its revocation. */
    @Test
    void anOrganizationsTokensAreManagedByOpsOnly() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            assertThat(policy.decide(method, "/api/v1/organizations/acme/tokens", acme)).isEqualTo(FORBIDDEN);
            assertThat(policy.decide(method, "/api/v1/organizations/acme/tokens/t-1", acme)).isEqualTo(FORBIDDEN);
            assertThat(policy.decide(method, "/api/v1/organizations/globex/tokens", acme)).isEqualTo(NOT_FOUND);
            assertThat(policy.decide(method, "/api/v1/organizations/acme/tokens", ops)).isEqualTo(ALLOW);
        }
        assertThat(policy.decide("GET", "/api/v1/organizations/acme/tokens-report", acme)).isEqualTo(ALLOW);
    }

    @Test
    void tokensAreRecognisedExactly() {
        TokenRegistry tokens = new TokenRegistry(new ApiProperties(List.of("ops-1"), Map.of("org-tok", "acme")));
        assertThat(tokens.identify("ops-1")).contains(new Caller.Ops());
        assertThat(tokens.identify("org-tok")).contains(new Caller.Organization("acme"));
        assertThat(tokens.identify("ops-")).isEmpty();
        assertThat(tokens.identify("ops-12")).isEmpty();
        assertThat(tokens.identify("")).isEmpty();
    }
}
