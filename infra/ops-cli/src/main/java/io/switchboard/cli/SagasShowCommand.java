package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one saga with its step history (inputs and outputs with --json).")
final class SagasShowCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "SAGA_ID")
    String sagaId;
    @Option(names = "--json", description = "print the API's JSON (every step's input, output and error)")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode saga = api.client().get("/api/v1/sagas/" + ApiClient.encode(sagaId), null);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(saga));
            return 0;
        }
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
        out.println();
        Table table = new Table("STEP", "DIRECTION", "STATUS", "ATTEMPTS", "STARTED", "DURATION", "ERROR");
        for (JsonNode step : saga.path("steps")) {
            String error = Json.text(step, "errorCode") == null ? null
                    : Json.text(step, "errorCode") + ": " + Json.text(step, "errorMessage");
            JsonNode duration = step.get("durationMillis");
            table.row(Json.text(step, "name"), lower(Json.text(step, "direction")), Json.text(step, "status"),
                    Json.text(step, "attempts"), Format.instant(Json.text(step, "startedAt")),
                    duration == null || duration.isNull() ? null : Format.millis(duration.asLong()),
                    Table.clip(error, 90));
        }
        table.print(out);
        return 0;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }
}
