package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "release", mixinStandardHelpOptions = true, description = {
        "Delete orphans at their provider (in the account that holds them): only what the reconciliation, run again",
        "now, still finds an orphan — never what a record or an unfinished saga references, never a FOREIGN number.",
        "e.g. switchboard reconcile release --id PN0123… --dry-run; --all-orphans for every orphan."})
final class ReconcileReleaseCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--id", paramLabel = "ID", description = "an orphan's id, as reconcile lists it (repeatable)")
    List<String> ids;
    @Option(names = "--all-orphans", description = "every orphan found now")
    boolean allOrphans;
    @Option(names = "--dry-run", description = "say what would be released, release nothing")
    boolean dryRun;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean someIds = ids != null && !ids.isEmpty();
        if (someIds == allOrphans) {
            throw new ParameterException(spec.commandLine(), "give --id (repeatable) or --all-orphans");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (someIds) {
            body.put("ids", ids);
        } else {
            body.put("allOrphans", true);
        }
        body.put("dryRun", dryRun);
        JsonNode result = api.client().post("/api/v1/reconciliation/release", null, body);
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        for (JsonNode one : result.path("results")) {
            String outcome = Json.text(one, "outcome");
            failed |= !"RELEASED".equals(outcome) && !"WOULD_RELEASE".equals(outcome);
        }
        if (json.printed(out, result)) {
            return failed ? ExitCodes.API_ERROR : ExitCodes.OK;
        }
        Table table = new Table("ID", "KIND", "LABEL", "OUTCOME", "MESSAGE");
        for (JsonNode one : result.path("results")) {
            table.row(Json.text(one, "id"), Json.text(one, "kind"), Json.text(one, "label"), Json.text(one, "outcome"),
                    Table.clip(Json.text(one, "message"), 100));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(Json.number(result, "released", 0) + (dryRun ? " would be released" : " released") + ", "
                + Json.number(result, "skipped", 0) + " skipped");
        out.flush();
        return failed ? ExitCodes.API_ERROR : ExitCodes.OK;
    }
}
