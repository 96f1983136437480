package io.switchboard.orchestrator.api.problems;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * Every kind of error the API answers with, as an RFC 9457 problem type: a stable URI per kind (clients switch on
 * it, never on the wording of {@code detail}), its status and a short title. README "Operate it" lists them; a new
 * kind is added here and there, never by reusing a URI for something else.
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid"),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not readable JSON"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid API token is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "This token may not call this endpoint"),
    /** An unknown path, and every path of another organization (so a token cannot tell whether it exists). */
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Nothing here"),
    SAGA_NOT_FOUND(HttpStatus.NOT_FOUND, "saga-not-found", "No such saga"),
    REQUEST_NOT_FOUND(HttpStatus.NOT_FOUND, "request-not-found", "No such request"),
    AI_SETUP_NOT_FOUND(HttpStatus.NOT_FOUND, "ai-setup-not-found", "The organization has no AI setup"),
    ONBOARDING_NOT_FOUND(HttpStatus.NOT_FOUND, "onboarding-not-found", "The organization has no onboarding to retry"),
    CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND, "credential-not-found", "No such Twilio credential"),
    TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "token-not-found", "No such API token"),
    NUMBER_NOT_FOUND(HttpStatus.NOT_FOUND, "number-not-found", "The organization has no such number"),
    ASSISTANT_NOT_FOUND(HttpStatus.NOT_FOUND, "assistant-not-found", "The organization has no such assistant"),
    DEAD_LETTER_TOPIC_NOT_FOUND(HttpStatus.NOT_FOUND, "dead-letter-topic-not-found", "No such dead-letter topic"),
    DEAD_LETTER_NOT_FOUND(HttpStatus.NOT_FOUND, "dead-letter-not-found", "No such dead letter"),
    ASSISTANT_TEMPLATE_NOT_FOUND(HttpStatus.NOT_FOUND, "assistant-template-not-found", "No such assistant template"),
    BATCH_NOT_FOUND(HttpStatus.NOT_FOUND, "batch-not-found", "No such batch"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "This method is not allowed here"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "The response cannot be given in an accepted type"),
    SETUP_EXISTS(HttpStatus.CONFLICT, "setup-exists", "The organization already has an AI setup"),
    SAGA_NOT_REPLAYABLE(HttpStatus.CONFLICT, "saga-not-replayable", "Only a FAILED saga can be replayed"),
    SAGA_NOT_COMPENSABLE(HttpStatus.CONFLICT, "saga-not-compensable", "The saga cannot be compensated now"),
    ORGANIZATION_BUSY(HttpStatus.CONFLICT, "organization-busy", "The organization is running another saga"),
    NUMBER_NOT_LINKABLE(HttpStatus.CONFLICT, "number-not-linkable", "The number cannot be linked to an assistant now"),
    LINE_NOT_ACTIVE(HttpStatus.CONFLICT, "line-not-active", "The organization's line is not active"),
    NUMBER_LIMIT_REACHED(HttpStatus.CONFLICT, "number-limit-reached",
            "The organization holds as many numbers as it may"),
    NUMBER_NOT_REMOVABLE(HttpStatus.CONFLICT, "number-not-removable", "The number cannot be removed on its own"),
    NUMBER_IN_USE(HttpStatus.CONFLICT, "number-in-use", "The number is already one of the organization's"),
    BATCH_STATE_CONFLICT(HttpStatus.CONFLICT, "batch-state-conflict", "The batch cannot do that in its state"),
    CREDENTIAL_IN_USE(HttpStatus.CONFLICT, "credential-in-use", "A number still lives in the credential's account"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "The request body's content type is not supported"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Unexpected error"),
    CREDENTIALS_DISABLED(HttpStatus.SERVICE_UNAVAILABLE, "credentials-disabled", "Tenant credentials are not enabled"),
    RECONCILIATION_DISABLED(HttpStatus.SERVICE_UNAVAILABLE, "reconciliation-disabled",
            "Reconciliation is not enabled"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Temporarily unavailable");

    /** Where every type URI starts; the slug follows. */
    public static final String BASE = "https://switchboard.io/problems/";

    private final HttpStatus status;
    private final URI uri;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.uri = URI.create(BASE + slug);
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    /** The general kind for a status Spring MVC answered by itself (an unknown path, a wrong method, …). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
