package io.switchboard.saga.replies;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure worth retrying the same message for (the database is briefly unreachable, a lock or version
 * conflict) from one that will fail the same way every time (a broken invariant, a bug). Retrying the second kind
 * forever would block every later message of the partition, so those messages are dead-lettered instead.
 * <p>
 * A transaction whose commit or rollback itself failed ({@link TransactionSystemException}) lost its connection:
 * retrying is safe, since the inbox and the sagas' own state make a message applied twice a no-op. So is HikariCP's
 * "Connection is closed", a plain {@link java.sql.SQLException} without SQL state, thrown when the pool already closed
 * a connection PostgreSQL dropped (the chaos run's database kill dead-lettered approvals that way, and their sagas
 * never started): the cause is what is judged, so an ORM's own wrapper of it (Hibernate's {@code TransactionException}
 * in a JPA product) needs no rule here, and the engine no ORM.
 */
public final class FailureKinds {
    /** What HikariCP's proxy of a connection it has closed answers to every call. */
    static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private FailureKinds() {
    }

    public static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof TransactionSystemException) {
                return true; // the commit or rollback could not reach the database
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // connection exceptions
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("57P")) {
                return true; // the server is shutting down, restarting or not yet accepting connections
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (root != failure) {
            message += " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }
}
