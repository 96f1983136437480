package io.switchboard.saga.inbox;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which messages a consumer has applied, inside the transaction that applies them: a redelivered message
 * finds its identity and is skipped, so Kafka's at-least-once delivery becomes effectively-once state change. The
 * identity is ({@code ce_source}, {@code ce_id}): ids are unique per source only, as CloudEvents defines them.
 */
public class Inbox {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Inbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return true the first time this consumer sees the message, false for a duplicate */
    public boolean firstDelivery(String consumer, String source, String messageId) {
        return jdbc.update("insert into inbox_message (consumer, message_source, message_id, received_at) "
                        + "values (?, ?, ?, ?) on conflict do nothing",
                consumer, source, messageId, Timestamp.from(clock.instant())) == 1;
    }

    /**
     * Forgets at most {@code limit} message identities received longer than {@code retention} ago; returns how many.
     * A redelivery older than the retention would be applied again, so the retention must outlast any redelivery
     * (consumer offsets are committed within seconds; the default is a week).
     */
    public int purgeOlderThan(Duration retention, int limit) {
        return jdbc.update("delete from inbox_message where ctid = any(array(select ctid from inbox_message "
                        + "where received_at < ? limit ?))",
                Timestamp.from(clock.instant().minus(retention)), limit);
    }
}
