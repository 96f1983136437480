package io.switchboard.orchestrator.api.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns {@link OpsException}s of the ops controllers into {@link OpsError} bodies. */
@RestControllerAdvice(basePackageClasses = OpsExceptionHandler.class)
public class OpsExceptionHandler {

    @ExceptionHandler(OpsException.class)
    ResponseEntity<OpsError> opsException(OpsException e) {
        return ResponseEntity.status(e.status())
                .body(new OpsError(e.status().value(), e.status().getReasonPhrase(), e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<OpsError> badInput(IllegalArgumentException e) {
        return ResponseEntity.badRequest()
                .body(new OpsError(400, HttpStatus.BAD_REQUEST.getReasonPhrase(), e.getMessage()));
    }
}
