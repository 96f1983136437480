package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "What the pool holds (numbers no organization uses): available, releasing, by provider.")
final class PoolStatsCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode stats = api.client().get("/api/v1/number-pool/stats", null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, stats)) {
            return ExitCodes.OK;
        }
        out.println("Total      " + Json.number(stats, "total", 0));
        out.println("Available  " + Json.number(stats, "available", 0));
        out.println("Releasing  " + Json.number(stats, "releasing", 0));
        out.println("VAPI free  " + String.format(Locale.ROOT, "%.0f%%", stats.path("vapiFreeNumberLimitUsedPercent")
                .asDouble()) + " of the free-number limit in use"
                + (stats.path("nearVapiFreeNumberLimit").asBoolean() ? "  NEAR THE LIMIT" : ""));
        Table table = new Table("PROVIDER", "NUMBERS");
        for (Map.Entry<String, JsonNode> provider : stats.path("byProvider").properties()) {
            table.row(provider.getKey(), provider.getValue().asLong());
        }
        if (!table.isEmpty()) {
            out.println();
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
