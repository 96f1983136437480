package io.switchboard.saga.replies;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures make the consumer retry a message, and which dead-letter it. */
class FailureKindsTest {

    @Test
    void aRollbackThatLostItsConnectionIsRetriedNotDeadLettered() {
        // Exactly what the chaos run's PostgreSQL kill produced (docs/reliability.md, run 5).
        RuntimeException observed = new JpaSystemException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException(FailureKinds.HIKARI_CLOSED_CONNECTION)));
        assertThat(FailureKinds.transientFailure(observed)).isTrue();
        assertThat(FailureKinds.transientFailure(new TransactionSystemException("Could not commit JPA transaction")))
                .isTrue();
        assertThat(FailureKinds.transientFailure(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(FailureKinds.transientFailure(new JpaSystemException(new TransactionException("Unable to commit",
                new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
    }

    @Test
    void aBrokenInvariantIsDeadLettered() {
        assertThat(FailureKinds.transientFailure(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(FailureKinds.transientFailure(new IllegalStateException("a bug"))).isFalse();
        assertThat(FailureKinds.transientFailure(new RuntimeException(new SQLException("Connection is closed!")))).isFalse();
    }
}
