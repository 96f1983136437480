package io.switchboard.saga.replies;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure worth retrying the same message for (the database is briefly unreachable, a lock or version
 * conflict) from one that will fail the same way every time (a broken invariant, a bug). Retrying the second kind
 * forever would block every later message of the partition, so those messages are dead-lettered instead.
 */
public final class FailureKinds {
    private FailureKinds() {
    }

    public static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // connection exceptions
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
