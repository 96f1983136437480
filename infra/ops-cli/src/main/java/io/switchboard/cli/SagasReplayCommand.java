package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, description = {
        "Resume FAILED sagas from their failed step; steps that succeeded are not repeated.",
        "One:  switchboard sagas replay <id>",
        "Bulk: switchboard sagas replay --state FAILED --failed-step acquire-number [--dry-run]"})
final class SagasReplayCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Mixin
    SagaFilterOptions filter;
    @Parameters(paramLabel = "SAGA_ID", arity = "0..1", description = "the saga to replay; omit to replay by filter")
    String sagaId;
    @Option(names = "--limit", defaultValue = "100", description = "bulk: at most this many (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--dry-run", description = "show what would be replayed, change nothing")
    boolean dryRun;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (sagaId != null) {
            if (filter.any()) {
                throw new ParameterException(spec.commandLine(), "give a saga id or filters, not both");
            }
            JsonNode result = api.client().post("/api/v1/sagas/" + ApiClient.encode(sagaId) + "/replay",
                    Map.of("dryRun", dryRun), null);
            if (json.printed(out, result)) {
                return 0;
            }
            out.println(Json.text(result, "outcome") + "  " + Json.text(result, "id") + "  state "
                    + Json.text(result, "state") + "  (" + Json.text(result, "message") + ")");
            return 0;
        }
        if (!filter.any()) {
            throw new ParameterException(spec.commandLine(),
                    "give a saga id, or at least one filter (--state FAILED, --type, --org, --failed-step, --older-than)");
        }
        Map<String, Object> query = filter.query();
        query.put("limit", limit);
        query.put("dryRun", dryRun);
        JsonNode result = api.client().post("/api/v1/sagas/replay", query, null);
        if (json.printed(out, result)) {
            return Json.number(result, "rejected", 0) == 0 ? 0 : 1;
        }
        Table table = new Table("ID", "ORG", "OUTCOME", "STATE", "MESSAGE");
        for (JsonNode one : result.path("results")) {
            table.row(Json.text(one, "id"), Json.text(one, "orgId"), Json.text(one, "outcome"),
                    Json.text(one, "state"), Table.clip(Json.text(one, "message"), 100));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        long matched = Json.number(result, "matched", 0);
        long replayed = Json.number(result, "replayed", 0);
        long rejected = Json.number(result, "rejected", 0);
        out.println(matched + " FAILED saga(s) matched, " + replayed + (dryRun ? " would be replayed" : " replayed")
                + ", " + rejected + " refused");
        return rejected == 0 ? 0 : 1;
    }
}
