package io.switchboard.orchestrator.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bearer-token check in front of every request.
 * <p>
 * A plain servlet filter rather than Spring Security, on purpose: the rules are three path-based ones
 * ({@link AccessPolicy}) over static tokens, which read more clearly here than as a security filter chain with
 * its defaults (sessions, CSRF, a generated user) switched off; and the all-in-one launcher runs every service in
 * one JVM, where Spring Security on the shared classpath would switch itself on in the workers' contexts too.
 * <p>
 * The token itself is never logged or echoed; denials are logged with method and path only.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final TokenRegistry tokens;
    private final AccessPolicy policy;

    public ApiTokenFilter(TokenRegistry tokens, AccessPolicy policy) {
        this.tokens = tokens;
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = pathOf(request);
        AccessPolicy.Decision decision = policy.decide(request.getMethod(), path, caller(request));
        if (decision == AccessPolicy.Decision.ALLOW) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Denied {} {}: {}", request.getMethod(), path, decision);
        switch (decision) {
            case UNAUTHORIZED -> {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                write(response, 401, "Unauthorized", "send Authorization: Bearer <token>", path);
            }
            case FORBIDDEN -> write(response, 403, "Forbidden", "this token may not call " + path, path);
            // The same answer as for an organization that does not exist: nothing about the other tenant leaks.
            default -> write(response, 404, "Not Found", "not found", path);
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

    private static void write(HttpServletResponse response, int status, String error, String message, String path)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
                + escape(message) + "\",\"path\":\"" + escape(path) + "\"}");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
