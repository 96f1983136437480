package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.security.Caller;
import io.switchboard.orchestrator.api.security.TokenRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Optional;

/** Signing in with an API token (kept in an HttpOnly cookie, never shown again) and out. */
@Controller
class SignInController {
    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final TokenRegistry tokens;
    private final ConsoleProperties properties;

    SignInController(TokenRegistry tokens, ConsoleProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @GetMapping({"/console", "/console/"})
    String home(HttpServletRequest request) {
        Viewer viewer = Viewer.of(request);
        return viewer.ops() ? "redirect:/console/sagas" : "redirect:" + organizationPath(viewer.orgId());
    }

    @GetMapping("/console/sign-in")
    String form(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("title", "Sign in");
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(defaultValue = "") String token, @RequestParam(required = false) String next,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Caller> caller = token.isBlank() ? Optional.empty() : tokens.identify(token.trim());
        if (caller.isEmpty()) {
            log.info("Console sign-in refused: unknown token");
            response.setStatus(401);
            model.addAttribute("next", safeNext(next));
            model.addAttribute("title", "Sign in");
            model.addAttribute("error", "That token is not valid here. Use an ops token or an organization token "
                    + "configured on this orchestrator (switchboard.api.*).");
            return "console/sign-in";
        }
        ConsoleSession.signIn(request, response, token.trim(), properties.sessionMaxAge());
        log.info("Console sign-in ({})", caller.get() instanceof Caller.Ops ? "ops" : "organization "
                + ((Caller.Organization) caller.get()).orgId());
        String target = safeNext(next);
        if (target == null) {
            target = caller.get() instanceof Caller.Organization org ? organizationPath(org.orgId())
                    : "/console/sagas";
        }
        return "redirect:" + target;
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        ConsoleSession.signOut(request, response);
        return "redirect:/console/sign-in";
    }

    /** Encoded, so an id with braces is never read as a URI template by the redirect. */
    static String organizationPath(String orgId) {
        return UriComponentsBuilder.fromPath("/console/organizations/{id}").buildAndExpand(orgId).encode()
                .toUriString();
    }

    /** Only a console path of this server: no open redirect, nothing a redirect would read as a URI template. */
    private static String safeNext(String next) {
        if (next == null || !next.startsWith("/console") || next.startsWith("//") || next.contains("\\")
                || next.contains("{") || next.contains("}") || next.startsWith("/console/sign-")) {
            return null;
        }
        return next;
    }
}
