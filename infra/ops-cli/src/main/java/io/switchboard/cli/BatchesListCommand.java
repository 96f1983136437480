package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Batches, newest first.")
final class BatchesListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--status", description = "PLANNED, RUNNING, PAUSED, COMPLETED or CANCELLED")
    String status;
    @Option(names = "--limit", defaultValue = "50", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        if (status != null) {
            query.put("status", status);
        }
        query.put("limit", limit);
        JsonNode batches = api.client().get("/api/v1/batches", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, batches)) {
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "KIND", "STATUS", "TOTAL", "DONE", "FAILED", "SKIPPED", "RATE/MIN", "CREATED");
        for (JsonNode batch : batches.path("batches")) {
            JsonNode counts = batch.path("counts");
            table.row(Json.text(batch, "id"), Json.text(batch, "kind"), Json.text(batch, "status"),
                    Json.number(batch, "total", 0), Json.number(counts, "SUCCEEDED", 0), Json.number(counts, "FAILED", 0),
                    Json.number(counts, "SKIPPED", 0), Json.number(batch, "ratePerMinute", 0),
                    Json.text(batch, "createdAt"));
        }
        if (table.isEmpty()) {
            out.println("No batches.");
        } else {
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
