package io.switchboard.orchestrator.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ApiProblemHandler;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.api.problems.ProblemWriter;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Bearer-token check in front of every request.
 * <p>
 * A plain servlet filter rather than Spring Security, on purpose: the rules are three path-based ones
 * ({@link AccessPolicy}) over static tokens, which read more clearly here than as a security filter chain with
 * its defaults (sessions, CSRF, a generated user) switched off; and the all-in-one launcher runs every service in
 * one JVM, where Spring Security on the shared classpath would switch itself on in the workers' contexts too.
 * <p>
 * Refusals are RFC 9457 problems like every other API error ({@link ProblemWriter}). Another organization's path
 * answers exactly what an unknown path answers ({@link ApiProblemHandler#notFound()}), so a token learns nothing
 * about other tenants. The token itself is never logged, echoed or described; denials are logged with method and
 * path only.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final TokenRegistry tokens;
    private final AccessPolicy policy;
    private final ProblemWriter problems;

    public ApiTokenFilter(TokenRegistry tokens, AccessPolicy policy, ProblemWriter problems) {
        this.tokens = tokens;
        this.policy = policy;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = pathOf(request);
        if (AccessPolicy.isOpen(path)) {
            chain.doFilter(request, response); // health probes must not depend on the token store
            return;
        }
        Optional<Caller> caller;
        try {
            caller = caller(request);
        } catch (DataAccessException e) {
            // An issued token is checked in the database: while it cannot be reached the answer is "try again",
            // not 401 (the token may well be valid) and not a bare 500.
            log.warn("Could not check an API token for {} {}: {}", request.getMethod(), path, e.toString());
            problems.write(request, response, new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "The orchestrator "
                    + "could not check this token just now (its database is unreachable); try again shortly."));
            return;
        }
        AccessPolicy.Decision decision = policy.decide(request.getMethod(), path, caller);
        if (decision == AccessPolicy.Decision.ALLOW) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Denied {} {}: {}", request.getMethod(), path, decision);
        switch (decision) {
            case UNAUTHORIZED -> {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                problems.write(request, response, new ApiProblem(ProblemType.UNAUTHORIZED, "This request needs "
                        + "Authorization: Bearer <token> with an ops token or this organization's token; none was "
                        + "sent, or the one sent is not valid."));
            }
            case FORBIDDEN -> problems.write(request, response, new ApiProblem(ProblemType.FORBIDDEN, "An organization "
                    + "token may only call GET, POST, PUT and DELETE under /api/v1/organizations/<its id>/ (its tokens are managed by ops); "
                    + request.getMethod() + " " + path + " needs an ops token."));
            // The same answer as for a path that does not exist: nothing about the other tenant leaks.
            default -> problems.write(request, response, ApiProblemHandler.notFound());
        }
    }

    private Optional<Caller> caller(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : tokens.identify(token);
    }

    /** The decoded, normalised path the servlet container mapped (no context path, no ;params, no "..", no "//"). */
    private static String pathOf(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }
}
