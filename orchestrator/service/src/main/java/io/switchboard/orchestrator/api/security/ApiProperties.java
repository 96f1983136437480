package io.switchboard.orchestrator.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * {@code switchboard.api.*}: who may call the orchestrator's HTTP API.
 *
 * @param opsTokens bearer tokens of ops people and tools: every endpoint, including {@code /actuator/**}.
 *                  The packaged default is the local stack's documented dev token; set your own in production
 *                  ({@code SWITCHBOARD_API_OPS_TOKENS=tok1,tok2}).
 * @param orgTokens organization-scoped bearer tokens, token → organization id
 *                  ({@code switchboard.api.org-tokens.<token>=<orgId>}; a token with characters other than letters,
 *                  digits and '-' must be written in brackets: {@code switchboard.api.org-tokens.[a.b]=acme}).
 *                  Such a token may only call {@code /api/v1/organizations/<its orgId>/**}.
 */
@ConfigurationProperties(prefix = "switchboard.api")
public record ApiProperties(List<String> opsTokens, Map<String, String> orgTokens) {

    /** The token the local stack accepts out of the box (README, bin/switchboard, tests). Never valid in production. */
    public static final String DEV_OPS_TOKEN = "sb-dev-ops-token";

    public ApiProperties {
        opsTokens = opsTokens == null ? List.of() : List.copyOf(opsTokens);
        orgTokens = orgTokens == null ? Map.of() : Map.copyOf(orgTokens);
    }
}
