package io.switchboard.orchestrator.flow;

import io.switchboard.saga.housekeeping.Housekeeping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's bookkeeping tables shrink: what is past its retention (packaged defaults: published outbox messages
 * 1 day, inbox entries 7 days) goes, batch by batch; the rest stays.
 */
class HousekeepingTest extends OrchestratorOverKafkaContext {

    @Autowired
    Housekeeping housekeeping;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishedMessagesAndInboxEntriesPastTheirRetentionArePurgedAndNothingElse() {
        Instant now = Instant.now();
        String key = "housekeeping-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            outbox(key, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));   // published long ago: goes
            inbox(key, "old-" + i, now.minus(Duration.ofDays(8)));                       // past its retention: goes
        }
        outbox(key, now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(5))); // published recently: stays
        inbox(key, "recent", now.minus(Duration.ofDays(1)));                              // stays

        housekeeping.runOnce();

        assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_key = ?", Integer.class, key))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select message_id from inbox_message where message_source = ?", String.class, key))
                .containsExactly("recent");
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where published_at < ?", Integer.class,
                java.sql.Timestamp.from(now.minus(Duration.ofDays(1))))).as("nothing past retention is left").isZero();
    }

    /** An already published message (an unpublished one would be sent by the running publisher). */
    private void outbox(String key, Instant created, Instant published) {
        jdbc.update("insert into outbox_message (message_id, topic, message_key, headers, payload, created_at, published_at) "
                        + "values (?, 'switchboard.saga-events.v1', ?, '{}'::jsonb, ?, ?, ?)",
                UUID.randomUUID(), key, "{}".getBytes(), Timestamp.from(created), Timestamp.from(published));
    }

    private void inbox(String source, String id, Instant received) {
        jdbc.update("insert into inbox_message (consumer, message_source, message_id, received_at) "
                + "values ('org-events', ?, ?, ?)", source, id, Timestamp.from(received));
    }
}
