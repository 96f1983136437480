package io.switchboard.saga.persistence;

import io.switchboard.saga.definition.Direction;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A saga's steps as one {@code jsonb} array in its row, oldest first. The keys are the columns the {@code saga_step}
 * table had (the view of that name, V18, reads them back as columns for ops and reports); absent values are left
 * out; a command's input and a reply's output are nested as the JSON they are, so SQL can look into them.
 */
@Converter
public final class StepsColumn implements AttributeConverter<List<SagaStep>, String> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(List<SagaStep> steps) {
        StringWriter out = new StringWriter(256 * Math.max(1, steps == null ? 0 : steps.size()));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (SagaStep step : steps == null ? List.<SagaStep>of() : steps) {
                write(json, step.stored());
            }
            json.writeEndArray();
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, StoredStep step) {
        json.writeStartObject();
        json.writeStringProperty("step_name", step.name());
        json.writeStringProperty("direction", step.direction().name());
        json.writeStringProperty("status", step.status().name());
        json.writeNumberProperty("attempt", step.attempt());
        text(json, "command_type", step.commandType());
        raw(json, "input", step.inputJson());
        text(json, "reply_type", step.replyType());
        raw(json, "output", step.outputJson());
        text(json, "error_code", step.errorCode());
        text(json, "error_message", step.errorMessage());
        time(json, "started_at", step.startedAt());
        time(json, "attempt_started_at", step.attemptStartedAt());
        time(json, "finished_at", step.finishedAt());
        text(json, "timer_kind", step.timerKind() == null ? null : step.timerKind().name());
        time(json, "fire_at", step.fireAt());
        if (step.unstartedAttempts() != 0 || step.lastUnstartedAttempt() != 0) {
            json.writeNumberProperty("unstarted_attempts", step.unstartedAttempts());
            json.writeNumberProperty("last_unstarted_attempt", step.lastUnstartedAttempt());
        }
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private static void raw(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeName(name);
            json.writeRawValue(value);
        }
    }

    private static void time(JsonGenerator json, String name, Instant value) {
        if (value != null) {
            json.writeStringProperty(name, value.toString());
        }
    }

    @Override
    public List<SagaStep> convertToEntityAttribute(String column) {
        List<SagaStep> steps = new ArrayList<>();
        if (column == null || column.isBlank()) {
            return steps;
        }
        for (JsonNode step : JSON.readTree(column)) {
            steps.add(new SagaStep(read(step)));
        }
        return steps;
    }

    private static StoredStep read(JsonNode step) {
        String timerKind = text(step, "timer_kind");
        return new StoredStep(text(step, "step_name"), Direction.valueOf(text(step, "direction")),
                StepStatus.valueOf(text(step, "status")), step.path("attempt").asInt(), text(step, "command_type"),
                nested(step, "input"), text(step, "reply_type"), nested(step, "output"), text(step, "error_code"),
                text(step, "error_message"), time(step, "started_at"), time(step, "attempt_started_at"),
                time(step, "finished_at"), timerKind == null ? null : TimerKind.valueOf(timerKind),
                time(step, "fire_at"), step.path("unstarted_attempts").asInt(0),
                step.path("last_unstarted_attempt").asInt(0));
    }

    private static String text(JsonNode step, String name) {
        JsonNode value = step.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String nested(JsonNode step, String name) {
        JsonNode value = step.get(name);
        return value == null || value.isNull() ? null : value.toString();
    }

    /** Written as {@link Instant#toString()}; PostgreSQL's own JSON of a timestamptz (V18) carries an offset. */
    private static Instant time(JsonNode step, String name) {
        String value = text(step, name);
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
    }
}
