package io.switchboard.orchestrator.api.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request the API refuses, and why: its {@link ProblemType}, a {@code detail} that says what was wrong and what to
 * do instead, and extension members that name what it concerns ({@code orgId}, {@code sagaId}, {@code errors}, …).
 * Thrown by controllers and the services behind them; {@link ApiProblemHandler} answers it as
 * {@code application/problem+json}. The detail is written for the caller, so it never holds a secret.
 */
public final class ApiProblem extends RuntimeException {
    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance");

    private final ProblemType type;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    /** {@code invalid-request} naming every field that is wrong. */
    public static ApiProblem invalid(List<FieldError> errors) {
        String what = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return new ApiProblem(ProblemType.INVALID_REQUEST, (errors.size() == 1 ? "Invalid field: " : "Invalid fields: ")
                + what + ". Correct the request and send it again.").with("errors", List.copyOf(errors));
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** Adds an extension member (null values are left out); never one of RFC 9457's own members. */
    public ApiProblem with(String name, Object value) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(name + " is a standard problem member, not an extension");
        }
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public HttpStatus status() {
        return type.status();
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    public ProblemDetail toProblemDetail(URI instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), getMessage());
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(instance);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
