package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One batch: its progress, and each organization's result (--status to show only some).")
final class BatchesShowCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "BATCH_ID")
    String batchId;
    @Option(names = "--status", description = "only items in this status: PENDING, STARTED, SUCCEEDED, FAILED, SKIPPED")
    String status;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String path = "/api/v1/batches/" + ApiClient.encode(batchId);
        JsonNode batch = api.client().get(path, null);
        Map<String, Object> query = new LinkedHashMap<>();
        if (status != null) {
            query.put("status", status);
        }
        query.put("limit", 500);
        JsonNode items = api.client().get(path + "/items", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, items)) {
            return ExitCodes.OK;
        }
        print(out, batch);
        printItems(out, items);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, JsonNode batch) {
        JsonNode counts = batch.path("counts");
        out.println("Batch     " + Json.text(batch, "id") + "  " + Json.text(batch, "kind") + "  "
                + Json.text(batch, "status") + (batch.path("dryRun").asBoolean() ? " (dry run)" : ""));
        out.println("Items     " + Json.number(batch, "total", 0) + ": " + Json.number(counts, "PENDING", 0)
                + " pending, " + Json.number(counts, "STARTED", 0) + " started, " + Json.number(counts, "SUCCEEDED", 0)
                + " succeeded, " + Json.number(counts, "FAILED", 0) + " failed, " + Json.number(counts, "SKIPPED", 0)
                + " skipped");
        out.println("Rate      " + Json.number(batch, "ratePerMinute", 0) + " a minute, at most "
                + Json.number(batch, "maxInFlight", 0) + " in flight");
        if (batch.hasNonNull("estimatedCompletion")) {
            out.println("Done by   " + Json.text(batch, "estimatedCompletion") + " (estimated)");
        }
        out.flush();
    }

    static void printItems(PrintWriter out, JsonNode page) {
        Table table = new Table("ORG", "STATUS", "ACTION", "REASON", "SAGA");
        for (JsonNode item : page.path("items")) {
            table.row(Json.text(item, "orgId"), Json.text(item, "status"), Table.clip(Json.text(item, "action"), 60),
                    Table.clip(Json.text(item, "reason"), 100), Json.text(item, "sagaId"));
        }
        if (!table.isEmpty()) {
            out.println();
            table.print(out);
        }
        out.flush();
    }
}
