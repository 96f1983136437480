package io.switchboard.messaging.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A worker's memory of what it created at a provider, one row per {@code (request_id, kind)}, so that a retried or
 * redelivered command finds its resource without listing the provider's account (which misses once the account has
 * more resources than one page). Before a create the request is claimed ({@link CreationStatus#PENDING}, with the
 * time); once the provider answered, its id is recorded ({@link CreationStatus#CREATED}). A later attempt that finds
 * the claim still pending knows an earlier create may have happened and when at the earliest, and looks it up by a
 * bounded query instead of creating blindly.
 * <p>
 * Attempts of one request never overlap, across threads and processes: {@link #attempt} holds a PostgreSQL advisory
 * lock for the request on one pooled connection while the attempt runs, and the claim is inserted under that lock.
 * So "this attempt inserted the claim" proves that no create was tried before it. Claims and records are committed
 * statement by statement on that connection; a crash mid-attempt leaves the claim pending and frees the lock with the
 * connection. An attempt therefore holds one connection for its whole length: size the pool to the worker's command
 * threads plus headroom.
 * <p>
 * Generic: each worker creates the table in its own schema with its own Flyway migrations:
 * <pre>{@code
 * CREATE TABLE <schema>.creation_ledger (
 *     request_id  VARCHAR(200) NOT NULL,
 *     kind        VARCHAR(40)  NOT NULL,
 *     org_id      VARCHAR(100) NOT NULL,
 *     saga_id     VARCHAR(100),
 *     status      VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'CREATED')),
 *     claimed_at  TIMESTAMPTZ  NOT NULL,
 *     created_at  TIMESTAMPTZ,
 *     resource_id VARCHAR(200),
 *     CONSTRAINT creation_ledger_pk PRIMARY KEY (request_id, kind));
 * CREATE INDEX creation_ledger_resource_idx ON <schema>.creation_ledger (resource_id) WHERE resource_id IS NOT NULL;
 * }</pre>
 */
public class CreationLedger {
    private static final Logger log = LoggerFactory.getLogger(CreationLedger.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");
    /** PostgreSQL {@code lock_not_available}: the lock timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Executor ABORT_INLINE = Runnable::run;

    private final DataSource dataSource;
    private final String table;
    private final Duration lockTimeout;
    private final Clock clock;
    private final Statements pooled;

    /**
     * @param table       schema-qualified table, e.g. {@code vapi_worker.creation_ledger}
     * @param lockTimeout how long an attempt waits for another attempt of the same request to finish
     */
    public CreationLedger(DataSource dataSource, String table, Duration lockTimeout, Clock clock) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("ledger table must be schema.table in lower case, got '" + table + "'");
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.lockTimeout = lockTimeout;
        this.clock = clock;
        this.pooled = new Statements(JdbcClient.create(dataSource), table);
    }

    /**
     * Runs one attempt of a create for the claim: waits (up to the lock timeout) until no other attempt of the same
     * request runs, claims the request if nobody has, and hands the claim to {@code work}. Whatever {@code work}
     * recorded stays recorded when it throws afterwards.
     *
     * @throws CreationInProgressException when another attempt of the request held it longer than the lock timeout
     */
    public <T> T attempt(Claim claim, Function<HeldClaim, T> work) {
        try (LockSession session = new LockSession(dataSource.getConnection(), lockKey(claim))) {
            Statements statements = new Statements(
                    JdbcClient.create(new SingleConnectionDataSource(session.connection, true)), table);
            HeldClaim held = claimUnderLock(session, statements, claim);
            return work.apply(held);
        } catch (SQLException e) {
            throw new IllegalStateException("Creation ledger unavailable for " + claim.kind() + " of request "
                    + claim.requestId() + ": " + e.getMessage(), e);
        }
    }

    /** The row of a request and kind, if it was ever claimed. */
    public Optional<Creation> find(String requestId, String kind) {
        return pooled.find(requestId, kind);
    }

    /** The creation that produced a resource, of any kind and any organization (ownership checks). */
    public Optional<Creation> findByResource(String resourceId) {
        return pooled.findByResource(resourceId);
    }

    /**
     * Takes the request's session-level lock and claims the request, in one short transaction (one commit): the
     * {@code lock_timeout} applies to the wait only, and the claim is durable before any provider call. The lock
     * outlives the transaction (session-level, a rollback keeps it) and is held until the session closes.
     */
    private HeldClaim claimUnderLock(LockSession session, Statements statements, Claim claim) throws SQLException {
        Connection connection = session.connection;
        connection.setAutoCommit(false);
        try {
            session.lock(lockTimeout);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
            boolean inserted = statements.insertClaim(claim, now);
            // The row this attempt inserted is known without reading it back.
            Creation current = inserted
                    ? new Creation(claim.requestId(), claim.kind(), claim.orgId(), claim.sagaId(),
                    CreationStatus.PENDING, now, null, null)
                    : statements.find(claim.requestId(), claim.kind())
                    .orElseThrow(() -> new IllegalStateException("claim " + claim + " vanished under its lock"));
            connection.commit();
            return new HeldClaim(statements, clock, current, inserted);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (e instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                throw new CreationInProgressException("Another worker has been creating the " + claim.kind()
                        + " of request " + claim.requestId() + " for more than " + lockTimeout + "; try again later", e);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * A pooled connection and, once {@link #lock} returned, the request's session-level advisory lock on it. Closing
     * unlocks and returns the connection to the pool; a connection whose unlock failed is aborted instead: its session
     * (and the lock with it) must not live on in the pool.
     */
    private static final class LockSession implements AutoCloseable {
        private final Connection connection;
        private final long key;
        private boolean locked;

        LockSession(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        /** Waits at most {@code timeout} (within the current transaction) for the lock. */
        void lock(Duration timeout) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
            }
            locked = true;
        }

        @Override
        public void close() {
            try {
                if (locked) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                    }
                }
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not release a creation-ledger lock ({}); discarding its connection", e.getMessage());
                try {
                    connection.abort(ABORT_INLINE);
                } catch (SQLException ignored) {
                    // The connection is unusable either way; the server frees the lock when the session ends.
                }
            }
        }
    }

    /** 64 bits of SHA-256 over table, kind and request: collisions only serialize two unrelated attempts. */
    private long lockKey(Claim claim) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (table + "|" + claim.kind() + "|" + claim.requestId()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The SQL of the ledger, on the pool or on the connection of one attempt. */
    static final class Statements {
        private static final String COLUMNS =
                "request_id, kind, org_id, saga_id, status, claimed_at, created_at, resource_id";
        private final JdbcClient jdbc;
        private final String table;

        Statements(JdbcClient jdbc, String table) {
            this.jdbc = jdbc;
            this.table = table;
        }

        boolean insertClaim(Claim claim, Instant now) {
            return jdbc.sql("INSERT INTO " + table + " (request_id, kind, org_id, saga_id, status, claimed_at)"
                            + " VALUES (:requestId, :kind, :orgId, :sagaId, 'PENDING', :claimedAt)"
                            + " ON CONFLICT (request_id, kind) DO NOTHING")
                    .param("requestId", claim.requestId())
                    .param("kind", claim.kind())
                    .param("orgId", claim.orgId())
                    .param("sagaId", claim.sagaId())
                    .param("claimedAt", Timestamp.from(now))
                    .update() == 1;
        }

        Creation markCreated(Creation creation, String resourceId, Instant now) {
            jdbc.sql("UPDATE " + table + " SET status = 'CREATED', created_at = :createdAt, resource_id = :resourceId"
                            + " WHERE request_id = :requestId AND kind = :kind")
                    .param("createdAt", Timestamp.from(now))
                    .param("resourceId", resourceId)
                    .param("requestId", creation.requestId())
                    .param("kind", creation.kind())
                    .update();
            return new Creation(creation.requestId(), creation.kind(), creation.orgId(), creation.sagaId(),
                    CreationStatus.CREATED, creation.claimedAt(), now, resourceId);
        }

        Optional<Creation> find(String requestId, String kind) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE request_id = :requestId AND kind = :kind")
                    .param("requestId", requestId)
                    .param("kind", kind)
                    .query(Statements::map)
                    .optional();
        }

        Optional<Creation> findByResource(String resourceId) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE resource_id = :resourceId"
                            + " ORDER BY created_at DESC LIMIT 1")
                    .param("resourceId", resourceId)
                    .query(Statements::map)
                    .optional();
        }

        private static Creation map(ResultSet rs, int row) throws SQLException {
            return new Creation(
                    rs.getString("request_id"),
                    rs.getString("kind"),
                    rs.getString("org_id"),
                    rs.getString("saga_id"),
                    CreationStatus.valueOf(rs.getString("status")),
                    instant(rs.getTimestamp("claimed_at")),
                    instant(rs.getTimestamp("created_at")),
                    rs.getString("resource_id"));
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
