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

@Command(name = "list", mixinStandardHelpOptions = true, description = "Show what a topic's dead-letter queue holds and why, oldest first.")
final class DlqListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--topic", required = true, description = "e.g. switchboard.org-events.v1 (or its .dlq)")
    String topic;
    @Option(names = "--limit", defaultValue = "1000", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("topic", topic);
        query.put("limit", limit);
        JsonNode page = api.client().get("/api/v1/dead-letters", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(page));
            return 0;
        }
        Table table = new Table("POSITION", "KEY", "TYPE", "FAILED AT", "REDRIVEN", "REASON", "BODY");
        for (JsonNode record : page.path("records")) {
            table.row(Json.text(record, "position"), Json.text(record, "key"), shortType(Json.text(record, "ceType")),
                    Format.instant(Json.text(record, "failedAt")),
                    Json.text(record, "redrivenAt") == null ? "no" : Format.instant(Json.text(record, "redrivenAt")),
                    Table.clip(Json.text(record, "reason"), 70), Table.clip(Json.text(record, "bodyPreview"), 50));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(Json.number(page, "count", 0) + " dead letter(s) in " + Json.text(page, "deadLetterTopic")
                + (page.path("truncated").asBoolean() ? " (more exist: raise --limit)" : ""));
        return 0;
    }

    /** {@code io.switchboard.event.OrganizationApproved.v1} reads as {@code OrganizationApproved.v1}. */
    private static String shortType(String ceType) {
        if (ceType == null) {
            return null;
        }
        String[] parts = ceType.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : ceType;
    }
}
