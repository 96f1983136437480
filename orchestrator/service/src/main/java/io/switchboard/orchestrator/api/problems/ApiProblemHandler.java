package io.switchboard.orchestrator.api.problems;

import jakarta.servlet.http.HttpServletRequest;
import io.switchboard.saga.replies.FailureKinds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.beans.TypeMismatchException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API's one error answer: every refused request gets an RFC 9457 problem ({@code application/problem+json})
 * with a {@link ProblemType} URI, a title, the status, a detail that says what was wrong and what to do, the request
 * path as {@code instance}, and extension members naming what it concerns. {@link ApiProblem}s thrown by the
 * controllers are answered as they are; what Spring MVC refuses by itself (unreadable JSON, an unknown field, a wrong
 * type, a missing parameter, an unknown path, a wrong method or content type) gets a problem of the same shape; an
 * unexpected exception is a 500 whose detail gives nothing away (the log has it).
 * <p>
 * The API token filter runs before all this and writes its 401/403/404 with {@link ProblemWriter}.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    /** The 404 of an unknown path; the token filter answers another organization's paths with the very same. */
    public static final String NOT_FOUND_DETAIL = "There is nothing at this path that this token may see. "
            + "Check the path and the ids in it (README \"Operate it\" lists the endpoints).";

    public static ApiProblem notFound() {
        return new ApiProblem(ProblemType.NOT_FOUND, NOT_FOUND_DETAIL);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem, WebRequest request) {
        return answer(problem, new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (FailureKinds.transientFailure(e)) {
            // The database was unreachable (restarting, failing over): "try again", as the token filter answers, not a
            // 500 that reads as a bug (chaos run 21: a request in flight when the database was killed).
            log.warn("Could not answer {}: the database is unreachable ({})", path(request), FailureKinds.describe(e));
            return answer(new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "The orchestrator could not reach its "
                    + "database just now; try again shortly."), new HttpHeaders(), request);
        }
        log.error("Unexpected error answering {}", path(request), e);
        return answer(new ApiProblem(ProblemType.INTERNAL_ERROR, "The orchestrator could not answer this request. "
                + "It was logged with its path and time; try again, and tell the operators if it persists."),
                new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return answer(unreadable(e), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return answer(ApiProblem.invalid(e.getParameterName(), "is required (query parameter)"), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return answer(ApiProblem.invalid(name == null ? "parameter" : name, "must be " + describe(e.getRequiredType())),
                headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        List<String> allowed = e.getSupportedHttpMethods() == null ? List.of()
                : e.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList();
        return answer(new ApiProblem(ProblemType.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported at this path; "
                + (allowed.isEmpty() ? "see README \"Operate it\"" : "use " + String.join(" or ", allowed)) + ".")
                .with("method", e.getMethod()).with("allowed", allowed), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        List<String> supported = mediaTypes(e.getSupportedMediaTypes());
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return answer(new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body was sent with " + sent
                + "; send it as " + (supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : String.join(" or ", supported))
                + ".").with("supported", supported), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        List<String> supported = mediaTypes(e.getSupportedMediaTypes());
        return answer(new ApiProblem(ProblemType.NOT_ACCEPTABLE, "This endpoint answers "
                + String.join(" or ", supported) + "; accept one of them.").with("supported", supported),
                headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return answer(notFound(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return answer(notFound(), headers, request);
    }

    /** Whatever else Spring MVC refused by itself: its problem, with our type for the status and the path. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemType type = ProblemType.forStatus(status.value());
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : type.title();
        return answer(new ApiProblem(type, detail), headers == null ? new HttpHeaders() : headers, request);
    }

    private ResponseEntity<Object> answer(ApiProblem problem, HttpHeaders headers, WebRequest request) {
        if (problem.status().is5xxServerError()) {
            log.warn("{} answered {}: {}", path(request), problem.status().value(), problem.detail());
        } else {
            log.debug("{} answered {}: {}", path(request), problem.status().value(), problem.detail());
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.putAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.status()).headers(answerHeaders).body(problem.toProblemDetail(instance(request)));
    }

    /**
     * What was wrong with a body Spring could not read: not JSON at all, a member that does not exist, or one of
     * the wrong type. Jackson's own message is not repeated: it may quote the rejected value, which may be a secret.
     */
    static ApiProblem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String allowed = known == null ? "" : known.stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return ApiProblem.invalid(path(unknown), "is not a field of this request"
                    + (allowed.isEmpty() ? "" : " (its fields: " + allowed + ")"));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return ApiProblem.invalid(path(mismatched), "must be " + describe(mismatched.getTargetType()));
        }
        if (cause instanceof StreamReadException || cause instanceof DatabindException) {
            return new ApiProblem(ProblemType.MALFORMED_BODY, "The body is not a JSON object this endpoint can read"
                    + (cause instanceof StreamReadException ? " (it is not well-formed JSON)" : "")
                    + ". Send a JSON object, e.g. {\"country\":\"US\"}, with Content-Type application/json.");
        }
        return new ApiProblem(ProblemType.MALFORMED_BODY, "This endpoint needs a JSON body (Content-Type "
                + "application/json); none was sent, or it could not be read.");
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** A JSON type as a caller reads it. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static List<String> mediaTypes(List<MediaType> types) {
        return types == null ? List.of() : types.stream().map(MediaType::toString).distinct().toList();
    }

    private static URI instance(WebRequest request) {
        HttpServletRequest servlet = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
        return servlet == null ? null : ProblemWriter.instanceOf(servlet);
    }

    private static String path(WebRequest request) {
        URI instance = instance(request);
        return instance == null ? request.getDescription(false) : instance.toString();
    }
}
