package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Optional;

/**
 * What every console page gets: the viewer, the CSRF value for its forms, the formatter; and refusals rendered as a
 * page (the API's problem handler would answer JSON). Ahead of the API's handler, for the console's controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {
    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);
    private final ConsoleProperties properties;
    private final MailboxProperties mailbox;

    ConsolePages(ConsoleProperties properties, MailboxProperties mailbox) {
        this.properties = properties;
        this.mailbox = mailbox;
    }

    @ModelAttribute
    void common(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> nonce = ConsoleSession.nonce(request);
        String value = nonce.orElseGet(() -> {
            String fresh = ConsoleSession.newNonce();
            ConsoleSession.setNonce(request, response, fresh, properties.sessionMaxAge());
            return fresh;
        });
        Object caller = request.getAttribute(ConsoleFilter.CALLER);
        model.addAttribute("csrf", ConsoleSession.csrfValue(value,
                caller == null ? Optional.empty() : ConsoleSession.token(request)));
        model.addAttribute("fmt", Format.INSTANCE);
        model.addAttribute("viewer", caller == null ? null : Viewer.of(request));
        model.addAttribute("mailboxPage", mailbox.enabled());
    }

    @ExceptionHandler(ConsoleRefusal.class)
    String refused(ConsoleRefusal refusal, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, response, model);
        response.setStatus(refusal.status());
        model.addAttribute("title", refusal.title());
        model.addAttribute("message", refusal.getMessage());
        return "console/problem";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, response, model);
        response.setStatus(problem.status().value());
        model.addAttribute("title", problem.type().title());
        model.addAttribute("message", problem.detail());
        return "console/problem";
    }

    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.warn("Console page {} failed", request.getRequestURI(), e);
        common(request, response, model);
        response.setStatus(500);
        model.addAttribute("title", "Something went wrong");
        model.addAttribute("message", "The page could not be shown; the orchestrator's log has the details.");
        return "console/problem";
    }
}
