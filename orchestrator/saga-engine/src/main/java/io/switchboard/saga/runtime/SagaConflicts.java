package io.switchboard.saga.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import java.util.function.Supplier;

/**
 * Sagas are changed under optimistic locking: a transaction that lost a race for one saga (its version moved on, or
 * it inserted a step row another transaction inserted first) is rolled back and simply run again, reading the new
 * state. Rare — one saga's replies come on one partition — so a few immediate retries do.
 */
public final class SagaConflicts {
    private static final Logger log = LoggerFactory.getLogger(SagaConflicts.class);

    private SagaConflicts() {
    }

    /** Runs {@code transaction} (which must open and commit its own transaction) until it does not conflict. */
    public static <T> T retrying(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrencyFailureException | DataIntegrityViolationException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
                log.debug("Saga changed concurrently; running the transaction again ({})", e.getMessage());
            }
        }
    }

    /** A lost race: an optimistic lock failure, or a duplicate step row (unique key of saga, step and direction). */
    public static boolean isConflict(RuntimeException e) {
        if (e instanceof ConcurrencyFailureException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("saga_step")) {
                return true;
            }
        }
        return false;
    }
}
