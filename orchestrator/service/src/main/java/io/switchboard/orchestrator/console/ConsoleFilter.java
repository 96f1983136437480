package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.security.Caller;
import io.switchboard.orchestrator.api.security.TokenRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.Optional;

/**
 * The console's gate, in front of every {@code /console} path (the API's bearer-token filter leaves them to it):
 * the sign-in cookie must hold a token the API accepts, with the API's rules — an ops token sees everything, an
 * organization token its organization only (the controllers apply that to each page) — and every POST must carry the
 * session's CSRF value ({@link ConsoleSession}). Without a valid cookie a page redirects to the sign-in page; the
 * sign-in page and the static assets are open.
 */
final class ConsoleFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ConsoleFilter.class);
    static final String CALLER = ConsoleFilter.class.getName() + ".caller";

    private final TokenRegistry tokens;
    private final boolean enabled;

    ConsoleFilter(TokenRegistry tokens, boolean enabled) {
        this.tokens = tokens;
        this.enabled = enabled;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals(ConsoleSession.PATH) || path.startsWith(ConsoleSession.PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (!enabled) {
            plainPage(response, HttpServletResponse.SC_NOT_FOUND, "The console is switched off on this orchestrator "
                    + "(switchboard.console.enabled).");
            return;
        }
        boolean post = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
        if (path.startsWith("/console/assets/")) {
            chain.doFilter(request, response);
            return;
        }
        protect(response);
        Optional<String> token = ConsoleSession.token(request);
        Optional<Caller> caller = token.flatMap(tokens::identify);
        if (post && !ConsoleSession.csrfMatches(request, caller.isPresent() ? token : Optional.empty())) {
            log.info("Console refused {} {}: missing or wrong CSRF value", request.getMethod(), path);
            plainPage(response, HttpServletResponse.SC_FORBIDDEN, "This form has expired or did not come from the "
                    + "console. Go back, reload the page and try again.");
            return;
        }
        if (path.equals("/console/sign-in")) {
            caller.ifPresent(c -> request.setAttribute(CALLER, c));
            chain.doFilter(request, response);
            return;
        }
        if (caller.isEmpty()) {
            if (path.endsWith("/events")) {
                plainPage(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in to the console first.");
                return;
            }
            String next = request.getMethod().equals("GET") ? path + (request.getQueryString() == null ? ""
                    : "?" + request.getQueryString()) : "/console";
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", UriComponentsBuilder.fromPath("/console/sign-in")
                    .queryParam("next", "{next}").encode().buildAndExpand(next).toUriString());
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    /**
     * Every page: only this server's own scripts, styles and connections (no inline script could run, were one ever
     * injected), never framed (no click-jacking of a confirmation), never cached (pages show an organization's data).
     */
    private static void protect(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }

    /** A fixed message only: nothing of the request is echoed. */
    private static void plainPage(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Switchboard "
                + "console</title></head><body><main><h1>Not done</h1><p role=\"alert\">" + message
                + "</p><p><a href=\"/console\">Back to the console</a></p></main></body></html>");
    }

    private static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }
}
