package io.switchboard.saga.persistence;

import io.switchboard.messaging.time.UtcTimes;
import io.switchboard.saga.definition.Direction;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A saga's steps as one {@code jsonb} array in its row, oldest first. The keys are the columns the {@code saga_step}
 * table had (the view of that name, V18, reads them back as columns for ops and reports); absent values are left
 * out; a command's input and a reply's output are nested as the JSON they are, so SQL can look into them.
 */
public final class StepsColumn {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String toJson(List<SagaStep> steps) {
        return storedToJson(SagaStore.stored(steps == null ? List.of() : steps));
    }

    /** @param steps the stored form a saga's row was already compared in ({@link SagaStore.Row}), not built again */
    String storedToJson(List<StoredStep> steps) {
        StringWriter out = new StringWriter(256 * Math.max(1, steps == null ? 0 : steps.size()));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (StoredStep step : steps == null ? List.<StoredStep>of() : steps) {
                write(json, step);
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
            json.writeStringProperty(name, UtcTimes.format(value));
        }
    }

    public List<SagaStep> fromJson(String column) {
        List<SagaStep> steps = new ArrayList<>();
        if (column == null || column.isBlank()) {
            return steps;
        }
        try (JsonParser json = JSON.createParser(column)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                steps.add(new SagaStep(read(json, column)));
            }
        }
        return steps;
    }

    /** One step object, field by field; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    private static StoredStep read(JsonParser json, String column) {
        Fields f = new Fields();
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "step_name" -> f.name = json.getString();
                case "direction" -> f.direction = Direction.valueOf(json.getString());
                case "status" -> f.status = StepStatus.valueOf(json.getString());
                case "attempt" -> f.attempt = json.getIntValue();
                case "command_type" -> f.commandType = json.getString();
                case "input" -> f.input = rawValue(json, column);
                case "reply_type" -> f.replyType = json.getString();
                case "output" -> f.output = rawValue(json, column);
                case "error_code" -> f.errorCode = json.getString();
                case "error_message" -> f.errorMessage = json.getString();
                case "started_at" -> f.startedAt = time(json.getString());
                case "attempt_started_at" -> f.attemptStartedAt = time(json.getString());
                case "finished_at" -> f.finishedAt = time(json.getString());
                case "timer_kind" -> f.timerKind = TimerKind.valueOf(json.getString());
                case "fire_at" -> f.fireAt = time(json.getString());
                case "unstarted_attempts" -> f.unstartedAttempts = json.getIntValue();
                case "last_unstarted_attempt" -> f.lastUnstartedAttempt = json.getIntValue();
                default -> json.skipChildren(); // a key only a newer version knows: not read, and not written back
            }
        }
        return new StoredStep(f.name, f.direction, f.status, f.attempt, f.commandType, f.input, f.replyType, f.output,
                f.errorCode, f.errorMessage, f.startedAt, f.attemptStartedAt, f.finishedAt, f.timerKind, f.fireAt,
                f.unstartedAttempts, f.lastUnstartedAttempt);
    }

    /** A nested value as the text it is in the column: no tree is built for what the engine only stores and shows. */
    private static String rawValue(JsonParser json, String column) {
        int start = (int) json.currentTokenLocation().getCharOffset();
        if (json.currentToken().isStructStart()) {
            json.skipChildren();
            return column.substring(start, (int) json.currentTokenLocation().getCharOffset() + 1);
        }
        return column.substring(start, (int) json.currentLocation().getCharOffset());
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("saga steps column: expected " + expected + ", found " + actual);
        }
    }

    /** Written as {@link Instant#toString()}; PostgreSQL's own JSON of a timestamptz (V18) carries an offset. */
    private static Instant time(String value) {
        return UtcTimes.parse(value);
    }

    /** A step's fields while they are read. */
    private static final class Fields {
        String name;
        Direction direction;
        StepStatus status;
        int attempt;
        String commandType;
        String input;
        String replyType;
        String output;
        String errorCode;
        String errorMessage;
        Instant startedAt;
        Instant attemptStartedAt;
        Instant finishedAt;
        TimerKind timerKind;
        Instant fireAt;
        int unstartedAttempts;
        int lastUnstartedAttempt;
    }
}
