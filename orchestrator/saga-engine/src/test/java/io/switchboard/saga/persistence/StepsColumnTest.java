package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepsColumnTest {
    private final StepsColumn column = new StepsColumn();
    private final Instant t0 = Instant.parse("2026-12-02T14:00:00.123456789Z");

    private SagaStep everyField() {
        SagaStep step = new SagaStep("register-number", Direction.ACTION, t0);
        step.sent("io.switchboard.command.RegisterPhoneNumber.v1", "{\"name\":\"Acme \\\"main\\\" line\",\"tags\":[1,{\"a\":null}]}");
        step.refundUnstarted(1, 5);
        step.nextAttempt(t0.plusSeconds(1));
        step.failed("PROVIDER_UNAVAILABLE", "VAPI answered 503 — ünïcode", true, t0.plusSeconds(2));
        step.arm(TimerKind.RETRY, t0.plusSeconds(3));
        return step;
    }

    @Test
    void everyFieldSurvivesTheColumn() {
        SagaStep step = everyField();
        SagaStep done = new SagaStep("acquire-number", Direction.COMPENSATION, t0);
        done.succeeded("io.switchboard.reply.NumberReleased.v1", "{\"numberSid\":\"PN1\",\"alreadyGone\":false}", t0);

        List<SagaStep> read = column.fromJson(column.toJson(List.of(step, done)));

        assertThat(read).containsExactly(step, done);
        assertThat(read.get(0).inputJson()).isEqualTo(step.inputJson());
        assertThat(read.get(0).countedAttempts()).isEqualTo(1);
        assertThat(read.get(0).fireAt()).isEqualTo(t0.plusSeconds(3));
        assertThat(read.get(1).finishedAt()).isEqualTo(t0);
    }

    @Test
    void readsWhatPostgreSqlWritesBack() {
        // jsonb's text: spaces after separators, its own key order, timestamps with an offset (as V18 writes them).
        String stored = """
                [{"input": {"areaCode": "510", "fallback": null}, "status": "WAITING_RETRY", "attempt": 2,
                  "fire_at": "2026-12-02T15:00:00.5+00:00", "direction": "ACTION", "step_name": "acquire-number",
                  "started_at": "2026-12-02T14:00:00+01:00", "timer_kind": "RETRY", "a_newer_key": {"x": [1, 2]},
                  "attempt_started_at": "2026-12-02T14:00:30Z", "unstarted_attempts": 0}]""";

        SagaStep step = column.fromJson(stored).get(0);

        assertThat(step.name()).isEqualTo("acquire-number");
        assertThat(step.inputJson()).isEqualTo("{\"areaCode\": \"510\", \"fallback\": null}");
        assertThat(step.fireAt()).isEqualTo(Instant.parse("2026-12-02T15:00:00.5Z"));
        assertThat(step.startedAt()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(step.outputJson()).isNull();
        assertThat(step.attempt()).isEqualTo(2);
    }
}
