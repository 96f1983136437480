package io.switchboard.cli;

import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Locale;

/** How one saga reads in a terminal: its header lines and the step history as a table. */
final class SagaView {
    private SagaView() {
    }

    static boolean ended(String state) {
        return "COMPLETED".equals(state) || "COMPENSATED".equals(state) || "FAILED".equals(state);
    }

    static void header(PrintWriter out, JsonNode saga) {
        out.println("Saga      " + Json.text(saga, "id"));
        out.println("Type      " + Json.text(saga, "type") + " v" + Json.text(saga, "definitionVersion"));
        out.println("Org       " + Json.text(saga, "orgId"));
        out.println("State     " + Json.text(saga, "state"));
        if (Json.text(saga, "failedStep") != null) {
            out.println("Failed    " + Json.text(saga, "failedStep") + ": " + Json.text(saga, "failureReason"));
        }
        out.println("Created   " + Format.instant(Json.text(saga, "createdAt")));
        out.println("Updated   " + Format.instant(Json.text(saga, "updatedAt")));
        if (Json.text(saga, "finishedAt") != null) {
            out.println("Finished  " + Format.instant(Json.text(saga, "finishedAt")));
        }
    }

    static void steps(PrintWriter out, JsonNode saga) {
        Table table = new Table("STEP", "DIRECTION", "STATUS", "ATTEMPTS", "STARTED", "DURATION", "ERROR");
        for (JsonNode step : saga.path("steps")) {
            table.row(Json.text(step, "name"), lower(Json.text(step, "direction")), Json.text(step, "status"),
                    Json.text(step, "attempts"), Format.instant(Json.text(step, "startedAt")), duration(step),
                    Table.clip(error(step), 90));
        }
        table.print(out);
    }

    static void print(PrintWriter out, JsonNode saga) {
        header(out, saga);
        out.println();
        steps(out, saga);
    }

    static String error(JsonNode step) {
        return Json.text(step, "errorCode") == null ? null
                : Json.text(step, "errorCode") + ": " + Json.text(step, "errorMessage");
    }

    static String duration(JsonNode step) {
        JsonNode duration = step.get("durationMillis");
        return duration == null || duration.isNull() ? null : Format.millis(duration.asLong());
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
