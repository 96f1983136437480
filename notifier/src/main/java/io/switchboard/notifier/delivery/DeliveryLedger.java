package io.switchboard.notifier.delivery;

import io.switchboard.notifier.email.EmailKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The notifier's memory of which emails it has sent, in {@code notifier.email_delivery}. Each statement runs in its
 * own transaction on purpose: a claim must be visible to every other consumer before the SMTP exchange starts,
 * and must survive a crash during it (that is what makes delivery at-most-once).
 */
public class DeliveryLedger {
    private static final String COLUMNS =
            "request_id, kind, org_id, saga_id, recipient, status, claimed_at, sent_at, message_id";

    private final JdbcClient jdbc;

    public DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a PENDING claim unless one exists for the same request and kind. The primary key decides between
     * concurrent claimers, so exactly one of them gets {@link ClaimOutcome.Claimed}.
     */
    public ClaimOutcome claim(Delivery claim) {
        // A claim released between our failed insert and our read is gone; try again rather than report nothing.
        for (int tries = 0; tries < 3; tries++) {
            int inserted = jdbc.sql("""
                            INSERT INTO notifier.email_delivery (request_id, kind, org_id, saga_id, recipient, status, claimed_at)
                            VALUES (:requestId, :kind, :orgId, :sagaId, :recipient, 'PENDING', :claimedAt)
                            ON CONFLICT (request_id, kind) DO NOTHING""")
                    .param("requestId", claim.requestId())
                    .param("kind", claim.kind().wireName())
                    .param("orgId", claim.orgId())
                    .param("sagaId", claim.sagaId())
                    .param("recipient", claim.recipient())
                    .param("claimedAt", Timestamp.from(claim.claimedAt()))
                    .update();
            if (inserted == 1) {
                return new ClaimOutcome.Claimed(claim);
            }
            Optional<Delivery> existing = find(claim.requestId(), claim.kind());
            if (existing.isPresent()) {
                return new ClaimOutcome.AlreadyClaimed(existing.get());
            }
        }
        throw new IllegalStateException("Claim for " + claim.requestId() + "/" + claim.kind().wireName()
                + " keeps appearing and disappearing");
    }

    public void markSent(String requestId, EmailKind kind, String messageId, Instant sentAt) {
        jdbc.sql("""
                        UPDATE notifier.email_delivery SET status = 'SENT', sent_at = :sentAt, message_id = :messageId
                        WHERE request_id = :requestId AND kind = :kind""")
                .param("sentAt", Timestamp.from(sentAt))
                .param("messageId", messageId)
                .param("requestId", requestId)
                .param("kind", kind.wireName())
                .update();
    }

    /** Gives up a claim whose send failed, so that a retry of the step may send. A SENT row is never removed. */
    public boolean release(String requestId, EmailKind kind) {
        return jdbc.sql("""
                        DELETE FROM notifier.email_delivery
                        WHERE request_id = :requestId AND kind = :kind AND status = 'PENDING'""")
                .param("requestId", requestId)
                .param("kind", kind.wireName())
                .update() == 1;
    }

    public Optional<Delivery> find(String requestId, EmailKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifier.email_delivery WHERE request_id = :requestId AND kind = :kind")
                .param("requestId", requestId)
                .param("kind", kind.wireName())
                .query(DeliveryLedger::map)
                .optional();
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getString("request_id"),
                EmailKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("org_id"),
                rs.getString("saga_id"),
                rs.getString("recipient"),
                DeliveryStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("claimed_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("message_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
