package io.switchboard.orchestrator.flow;

import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.outbox.OutgoingMessage;
import io.switchboard.saga.persistence.DueTimer;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.TimerKind;
import io.switchboard.saga.persistence.TimerStore;
import io.switchboard.saga.runtime.SagaConflicts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A saga is one row: its steps are a jsonb column. What the engine relies on: a change to one step alone is written
 * (and a saga nothing changed is not), two transactions changing one saga conflict on its version, the outbox rows of
 * a change are written with its row or not at all, and due timers are found through the row's {@code next_fire_at}.
 */
class SagaRowTest extends OrchestratorOverKafkaContext {
    /** Far enough ahead that the running timer poller never fires these test sagas' timers. */
    private static final String TOPIC = "saga-row-test";
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);

    @Autowired
    SagaStore sagas;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TimerStore timers;
    @Autowired
    JdbcTemplate jdbc;

    private UUID savedSaga() {
        SagaInstance saga = new SagaInstance(UUID.randomUUID(), "row-test", 1, "row-" + UUID.randomUUID(), "{}",
                Instant.now());
        SagaStep step = saga.addStep("acquire-number", Direction.ACTION, Instant.now());
        step.sent("io.switchboard.command.AcquireNumber.v1", "{\"areaCode\":\"510\"}");
        saga.state(SagaState.COMPENSATED, Instant.now());
        sagas.save(saga);
        return saga.id();
    }

    @Test
    void aChangeToOneStepAloneIsWrittenWithTheSagasRow() {
        UUID id = savedSaga();
        long version = version(id);

        transactions.executeWithoutResult(status -> {
            SagaInstance saga = sagas.find(id).orElseThrow();
            saga.step("acquire-number", Direction.ACTION).orElseThrow().arm(TimerKind.STEP_TIMEOUT, LATER);
            saga.timersChanged();
            sagas.save(saga);
        });

        SagaStep stored = sagas.find(id).orElseThrow().step("acquire-number", Direction.ACTION).orElseThrow();
        assertThat(stored.timerKind()).isEqualTo(TimerKind.STEP_TIMEOUT);
        assertThat(stored.fireAt()).isEqualTo(LATER);
        assertThat(stored.inputJson()).isEqualToIgnoringWhitespace("{\"areaCode\":\"510\"}");
        assertThat(version(id)).isEqualTo(version + 1);
        assertThat(jdbc.queryForObject("select next_fire_at from saga_instance where id = ?", Timestamp.class, id)
                .toInstant()).isEqualTo(LATER);

        transactions.executeWithoutResult(status -> sagas.save(sagas.find(id).orElseThrow()));
        assertThat(version(id)).as("saving a saga nothing changed does not write it").isEqualTo(version + 1);
    }

    @Test
    void twoTransactionsThatChangeOneSagaConflictOnItsVersion() {
        UUID id = savedSaga();
        SagaInstance stale = sagas.find(id).orElseThrow();
        transactions.executeWithoutResult(status -> {
            SagaInstance saga = sagas.find(id).orElseThrow();
            saga.step("acquire-number", Direction.ACTION).orElseThrow().skipped(Instant.now());
            sagas.save(saga);
        });

        stale.step("acquire-number", Direction.ACTION).orElseThrow().failed("X", "lost the race", false, Instant.now());
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> sagas.save(stale)))
                .isInstanceOf(ConcurrencyFailureException.class)
                .satisfies(e -> assertThat(SagaConflicts.isConflict((RuntimeException) e)).isTrue());
        assertThat(jdbc.queryForObject("select status from saga_step where saga_id = ?", String.class, id))
                .isEqualTo("SKIPPED");
    }

    @Test
    void theMessagesOfAChangeAreWrittenWithItsRowAndNotWhenItLosesTheRace() {
        UUID id = savedSaga();
        SagaInstance stale = sagas.find(id).orElseThrow();
        List<OutgoingMessage> sent = List.of(message(), message());
        transactions.executeWithoutResult(status -> {
            SagaInstance saga = sagas.find(id).orElseThrow();
            saga.step("acquire-number", Direction.ACTION).orElseThrow().skipped(Instant.now());
            sagas.save(saga, sent);
        });
        List<OutgoingMessage> lost = List.of(message());
        stale.step("acquire-number", Direction.ACTION).orElseThrow().failed("X", "lost the race", false, Instant.now());
        try {
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> sagas.save(stale, lost)))
                    .isInstanceOf(ConcurrencyFailureException.class);

            assertThat(outboxRows(sent)).containsExactlyInAnyOrder(sent.get(0).id(), sent.get(1).id());
            assertThat(jdbc.queryForObject("select payload from outbox_message where message_id = ?", byte[].class,
                    sent.get(1).id())).isEqualTo(sent.get(1).payload());
            assertThat(outboxRows(lost)).as("the loser's messages are not written").isEmpty();
        } finally {
            // Not for the outbox publisher's sweep to send: they are this test's, not a saga's.
            jdbc.update("delete from outbox_message where topic = ?", TOPIC);
        }
    }

    private static OutgoingMessage message() {
        UUID id = UUID.randomUUID();
        return new OutgoingMessage(id, TOPIC, "row-test", Map.of("ce_id", id.toString()),
                ("{\"n\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private List<UUID> outboxRows(List<OutgoingMessage> messages) {
        return jdbc.queryForList("select message_id from outbox_message where message_id = any (?)", UUID.class,
                (Object) messages.stream().map(OutgoingMessage::id).toArray(UUID[]::new));
    }

    private long version(UUID id) {
        return jdbc.queryForObject("select version from saga_instance where id = ?", Long.class, id);
    }

    @Test
    void dueTimersAreFoundThroughTheSagaRowsEarliestTimer() {
        UUID due = savedSaga();
        UUID notYet = savedSaga();
        arm(due, LATER);
        arm(notYet, LATER.plus(Duration.ofDays(1)));

        assertThat(timers.due(LATER.plus(Duration.ofHours(1)), 1000)).filteredOn(t -> t.sagaId().equals(due)
                        || t.sagaId().equals(notYet))
                .containsExactly(new DueTimer(due, TimerKind.RETRY, "acquire-number", Direction.ACTION, 1));
        assertThat(timers.due(LATER.minusSeconds(1), 1000)).noneMatch(t -> t.sagaId().equals(due));
    }

    private void arm(UUID id, Instant at) {
        transactions.executeWithoutResult(status -> {
            SagaInstance saga = sagas.find(id).orElseThrow();
            saga.step("acquire-number", Direction.ACTION).orElseThrow().arm(TimerKind.RETRY, at);
            saga.timersChanged();
            sagas.save(saga);
        });
    }
}
