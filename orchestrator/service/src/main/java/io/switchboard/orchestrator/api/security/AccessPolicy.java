package io.switchboard.orchestrator.api.security;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call what, decided from the method and path alone, so every endpoint added later under
 * {@code /api/v1/organizations/{orgId}/…} is covered without touching this class:
 * <ul>
 *   <li>{@code /actuator/health} (and its groups) and the error page are open: load balancers probe them;</li>
 *   <li>{@code /console/**} is left to the console's own gate (a sign-in cookie holding one of these same tokens,
 *       and CSRF checks), browsers sending no bearer header;</li>
 *   <li>everything else needs a valid bearer token (401 without one);</li>
 *   <li>ops tokens may call everything;</li>
 *   <li>an organization token may call GET/POST/PUT/DELETE under {@code /api/v1/organizations/<its org>/}; another
 *       organization's id answers 404, exactly like an organization that does not exist, so a token can neither
 *       read nor probe other tenants; anything else (ops endpoints, actuator) answers 403, and so do the ops-only
 *       paths under its own organization ({@code …/assistant-template}, {@code …/assistant-template/apply}: which
 *       template it runs is the platform's choice);</li>
 *   <li>an organization's API tokens ({@code …/<its org>/tokens/**}) are managed by ops only (403), so a leaked
 *       organization token cannot issue itself a successor that outlives its revocation.</li>
 * </ul>
 * Secure by default: a path nobody thought of is ops-only.
 */
public final class AccessPolicy {
    private static final Pattern ORGANIZATION_PATH = Pattern.compile("^/api/v1/organizations/([^/]+)(/.*)?$");
    private static final Set<String> ORGANIZATION_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");
    /** Paths under an organization that only ops may call. */
    private static final Set<String> OPS_ONLY_ORGANIZATION_PATHS = Set.of("/assistant-template",
            "/assistant-template/apply");

    /** The ops console's paths; its filter (io.switchboard.orchestrator.console) checks them with the same tokens. */
    public static final String CONSOLE = "/console";

    public enum Decision { ALLOW, UNAUTHORIZED, FORBIDDEN, NOT_FOUND }

    public Decision decide(String method, String path, Optional<Caller> caller) {
        if (isOpen(path)) {
            return Decision.ALLOW;
        }
        if (caller.isEmpty()) {
            return Decision.UNAUTHORIZED;
        }
        if (caller.get() instanceof Caller.Ops) {
            return Decision.ALLOW;
        }
        String orgId = ((Caller.Organization) caller.get()).orgId();
        Matcher organization = ORGANIZATION_PATH.matcher(path);
        if (!organization.matches()) {
            return Decision.FORBIDDEN;
        }
        if (!organization.group(1).equals(orgId)) {
            return Decision.NOT_FOUND;
        }
        if (isTokenPath(organization.group(2))
                || organization.group(2) != null && OPS_ONLY_ORGANIZATION_PATHS.contains(organization.group(2))) {
            return Decision.FORBIDDEN;
        }
        return ORGANIZATION_METHODS.contains(method) ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    private static boolean isTokenPath(String rest) {
        return rest != null && (rest.equals("/tokens") || rest.startsWith("/tokens/"));
    }

    static boolean isOpen(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/error")
                || path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
    }
}
