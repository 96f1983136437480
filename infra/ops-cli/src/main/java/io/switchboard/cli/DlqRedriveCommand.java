package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "redrive", mixinStandardHelpOptions = true, description = {
        "Republish dead letters to the topic they came from (same key, value and headers), each at most once.",
        "Without --offset: every record not redriven before."})
final class DlqRedriveCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--topic", required = true, description = "e.g. switchboard.org-events.v1 (or its .dlq)")
    String topic;
    @Option(names = "--offset", paramLabel = "PARTITION:OFFSET",
            description = "only these DLQ positions (repeatable; as shown by dlq list)")
    List<String> offsets;
    @Option(names = "--dry-run", description = "show what would be redriven, send nothing")
    boolean dryRun;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        if (offsets == null || offsets.isEmpty()) {
            body.put("all", true);
        } else {
            body.put("offsets", offsets);
        }
        body.put("dryRun", dryRun);
        JsonNode result = api.client().post("/api/v1/dead-letters/redrive", null, body);
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        for (JsonNode one : result.path("results")) {
            String outcome = Json.text(one, "outcome");
            failed |= "ERROR".equals(outcome) || "NOT_FOUND".equals(outcome);
        }
        if (json.printed(out, result)) {
            return failed ? 1 : 0;
        }
        Table table = new Table("POSITION", "KEY", "TO TOPIC", "OUTCOME", "MESSAGE");
        for (JsonNode one : result.path("results")) {
            String outcome = Json.text(one, "outcome");
            table.row(Json.text(one, "position"), Json.text(one, "key"), Json.text(one, "toTopic"), outcome,
                    Table.clip(Json.text(one, "message"), 80));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(Json.number(result, "redriven", 0) + (dryRun ? " would be redriven" : " redriven") + ", "
                + Json.number(result, "skipped", 0) + " skipped");
        return failed ? 1 : 0;
    }
}
