package io.switchboard.adapters.twilio.numbers;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link TrialClaimLock} across every Twilio worker instance: a PostgreSQL session advisory lock keyed by the trial
 * account, held on a connection of its own for the length of one claim (a read and at most one re-tag). A claim that
 * cannot get the lock within {@code wait} fails retryably ({@link TrialClaimBusyException}); the saga tries again.
 */
public final class PostgresTrialClaimLock implements TrialClaimLock, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final DataSource dataSource;
    private final Duration wait;

    public PostgresTrialClaimLock(DataSource dataSource, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
    }

    @Override
    public <T> T exclusively(String accountSid, Supplier<T> work) {
        long key = UUID.nameUUIDFromBytes(("switchboard-trial-claim:" + accountSid).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        try (Connection connection = dataSource.getConnection()) {
            acquire(connection, key, accountSid);
            try {
                return work.get();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new TrialClaimBusyException("the trial claim lock is unavailable: " + e.getMessage(), e);
        }
    }

    /** Closes the lock's own pool, when it has one. */
    @Override
    public void close() throws Exception {
        if (dataSource instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private void acquire(Connection connection, long key, String accountSid) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet rs = tryLock.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new TrialClaimBusyException("another claim of trial account " + accountSid
                            + "'s number has held its lock for more than " + wait, null);
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrialClaimBusyException("interrupted while waiting for the trial claim lock", e);
                }
            }
        }
    }

    /** The claim did not run: retryable. */
    public static final class TrialClaimBusyException extends RuntimeException {
        TrialClaimBusyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
