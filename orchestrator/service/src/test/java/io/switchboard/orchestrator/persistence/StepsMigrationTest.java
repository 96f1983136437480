package io.switchboard.orchestrator.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.persistence.StepsColumn;
import io.switchboard.saga.persistence.TimerKind;
import io.switchboard.saga.definition.Direction;
import io.switchboard.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** V18 moves every saga's step rows into its row's {@code steps} column, losing nothing the engine reads. */
class StepsMigrationTest {
    private final HikariDataSource dataSource = new HikariDataSource();

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void stepRowsBecomeTheSagasStepsColumnAndTheViewShowsThemAsBefore() {
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase("steps_migration"));
        dataSource.setUsername(TestInfrastructure.username());
        dataSource.setPassword(TestInfrastructure.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway("17").migrate();

        UUID waiting = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        for (UUID id : List.of(waiting, done, fresh)) {
            jdbc.update("""
                    insert into saga_instance (id, saga_type, definition_version, org_id, state, data, created_at,
                                               updated_at, version)
                    values (?, 'onboarding', 5, ?, 'RUNNING', '{}', now(), now(), 3)""", id, "org-" + id);
        }
        Instant fireAt = Instant.parse("2026-12-02T15:00:00.123456Z");
        jdbc.update("""
                insert into saga_step (saga_id, step_name, direction, status, attempt, command_type, input, reply_type,
                                       output, started_at, attempt_started_at, finished_at)
                values (?, 'acquire-number', 'ACTION', 'SUCCEEDED', 1, 'io.switchboard.command.AcquireNumber.v1',
                        '{"areaCode": "510", "fallback": null}', 'io.switchboard.reply.NumberAcquired.v1',
                        '{"numberSid": "PN1"}', '2026-12-02T14:00:00Z', '2026-12-02T14:00:00Z', '2026-12-02T14:00:01Z')""",
                waiting);
        jdbc.update("""
                insert into saga_step (saga_id, step_name, direction, status, attempt, error_code, error_message,
                                       started_at, attempt_started_at, timer_kind, fire_at, unstarted_attempts,
                                       last_unstarted_attempt)
                values (?, 'register-number', 'ACTION', 'WAITING_RETRY', 3, 'PROVIDER_UNAVAILABLE', 'VAPI answered 503',
                        '2026-12-02T14:00:01Z', '2026-12-02T14:00:30Z', 'RETRY', ?, 1, 2)""",
                waiting, java.sql.Timestamp.from(fireAt));
        jdbc.update("""
                insert into saga_step (saga_id, step_name, direction, status, attempt, started_at, attempt_started_at,
                                       finished_at)
                values (?, 'acquire-number', 'COMPENSATION', 'SKIPPED', 1, now(), now(), now())""", done);

        flyway(null).migrate();

        List<SagaStep> steps = new StepsColumn().fromJson(
                jdbc.queryForObject("select steps::text from saga_instance where id = ?", String.class, waiting));
        assertThat(steps).extracting(SagaStep::name).containsExactly("acquire-number", "register-number");
        SagaStep bought = steps.get(0);
        assertThat(bought.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(bought.inputJson()).as("nested as the JSON it was, nulls inside kept")
                .isEqualToIgnoringWhitespace("{\"areaCode\":\"510\",\"fallback\":null}");
        assertThat(bought.outputJson()).isEqualToIgnoringWhitespace("{\"numberSid\":\"PN1\"}");
        assertThat(bought.finishedAt()).isEqualTo(Instant.parse("2026-12-02T14:00:01Z"));
        assertThat(bought.fireAt()).isNull();
        SagaStep retrying = steps.get(1);
        assertThat(retrying.direction()).isEqualTo(Direction.ACTION);
        assertThat(retrying.attempt()).isEqualTo(3);
        assertThat(retrying.unstartedAttempts()).isEqualTo(1);
        assertThat(retrying.countedAttempts()).isEqualTo(2);
        assertThat(retrying.errorMessage()).isEqualTo("VAPI answered 503");
        assertThat(retrying.timerKind()).isEqualTo(TimerKind.RETRY);
        assertThat(retrying.fireAt()).isEqualTo(fireAt);
        assertThat(jdbc.queryForObject("select next_fire_at from saga_instance where id = ?", java.sql.Timestamp.class,
                waiting).toInstant()).isEqualTo(fireAt);
        assertThat(jdbc.queryForObject("select next_fire_at is null and jsonb_array_length(steps) = 0 from saga_instance "
                + "where id = ?", Boolean.class, fresh)).as("a saga without steps").isTrue();

        Map<String, Object> compensation = jdbc.queryForMap("select * from saga_step where saga_id = ?", done);
        assertThat(compensation).containsEntry("step_name", "acquire-number").containsEntry("direction", "COMPENSATION")
                .containsEntry("status", "SKIPPED").containsEntry("attempt", 1).containsEntry("unstarted_attempts", 0);
        assertThat(jdbc.queryForList("select step_name from saga_step where saga_id = ? order by position", String.class,
                waiting)).containsExactly("acquire-number", "register-number");
        assertThat(jdbc.queryForObject("select input ->> 'areaCode' from saga_step where saga_id = ? and position = 1",
                String.class, waiting)).isEqualTo("510");
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }
}
