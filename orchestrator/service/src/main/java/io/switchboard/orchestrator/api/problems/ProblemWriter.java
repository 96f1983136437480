package io.switchboard.orchestrator.api.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * Writes a problem where Spring MVC does not answer: in a servlet filter, before the request reaches a controller
 * (the API token filter). Same JSON as {@link ApiProblemHandler}'s, through the same mapper (Spring Boot's, which
 * writes a problem's extension members at the top level as RFC 9457 asks).
 */
public final class ProblemWriter {
    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemDetail body = problem.toProblemDetail(instanceOf(request));
        response.setStatus(problem.status().value());
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter, the same header Spring MVC writes.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** The problem's {@code instance}: the path the caller sent, without the query (which may carry anything). */
    public static URI instanceOf(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
