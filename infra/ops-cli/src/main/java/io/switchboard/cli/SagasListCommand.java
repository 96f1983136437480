package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List sagas, newest first, e.g. sagas list --state FAILED --failed-step acquire-number")
final class SagasListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Mixin
    SagaFilterOptions filter;
    @Option(names = "--limit", defaultValue = "50", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--offset", defaultValue = "0", description = "skip this many")
    int offset;
    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> query = filter.query();
        query.put("limit", limit);
        query.put("offset", offset);
        JsonNode page = api.client().get("/api/v1/sagas", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(page));
            return 0;
        }
        Table table = new Table("ID", "TYPE", "STATE", "ORG", "CREATED", "FAILED STEP", "REASON");
        for (JsonNode saga : page.path("sagas")) {
            table.row(Json.text(saga, "id"), Json.text(saga, "type"), Json.text(saga, "state"), Json.text(saga, "orgId"),
                    Format.instant(Json.text(saga, "createdAt")), Json.text(saga, "failedStep"),
                    Table.clip(Json.text(saga, "failureReason"), 70));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        int shown = page.path("sagas").size();
        long total = Json.number(page, "total", shown);
        out.println(shown == total ? total + " saga(s)"
                : "showing " + (offset + 1) + "-" + (offset + shown) + " of " + total + " saga(s) (--offset/--limit)");
        return 0;
    }
}
