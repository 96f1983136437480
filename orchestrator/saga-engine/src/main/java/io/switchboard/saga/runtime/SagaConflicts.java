package io.switchboard.saga.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;

import java.util.function.Supplier;

/**
 * Sagas are changed under optimistic locking: a transaction that lost a race for one saga (its version moved on) is
 * rolled back and simply run again, reading the new state. Rare — one saga's replies come on one partition — so a few immediate retries do.
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
            } catch (ConcurrencyFailureException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.debug("Saga changed concurrently; running the transaction again ({})", e.getMessage());
            }
        }
    }

    /** A lost race: the saga's version moved on under this transaction (optimistic lock failure). */
    public static boolean isConflict(RuntimeException e) {
        return e instanceof ConcurrencyFailureException;
    }
}
