package io.switchboard.orchestrator.api.problems;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.web.context.request.ServletWebRequest;

import java.net.SocketException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request in flight when the database goes away (chaos run 21: a number removal as PostgreSQL was killed) is told to
 * try again (503), as the token filter tells it, not answered with a 500 that reads as a bug; a real bug stays a 500.
 */
class UnreachableDatabaseProblemTest {
    private final ApiProblemHandler handler = new ApiProblemHandler();
    private final ServletWebRequest request = new ServletWebRequest(
            new MockHttpServletRequest("DELETE", "/api/v1/organizations/acme/numbers/PN1"));

    @Test
    void aLostDatabaseConnectionIsServiceUnavailable() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Connection reset"));
        JpaSystemException e = new JpaSystemException(
                new TransactionException("Unable to rollback against JDBC Connection", lost));

        ResponseEntity<Object> answer = handler.unexpected(e, request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("try again");
    }

    @Test
    void anythingElseUnexpectedIsStillAnInternalError() {
        ResponseEntity<Object> answer = handler.unexpected(new IllegalStateException("a bug"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).doesNotContain("a bug");
    }
}
