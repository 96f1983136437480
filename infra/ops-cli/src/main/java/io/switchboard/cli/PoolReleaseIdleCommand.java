package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "release-idle", mixinStandardHelpOptions = true, description = {
        "Release now the pooled numbers idle longer than the orchestrator's switchboard.pool.idle-release-after",
        "(also done on schedule): one pool-release-idle saga per number."})
final class PoolReleaseIdleCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode started = api.client().post("/api/v1/number-pool/release-idle", null, null);
        return printStarted(spec.commandLine().getOut(), json, started, "releasing an idle number");
    }

    static int printStarted(PrintWriter out, JsonOption json, JsonNode started, String what) {
        if (json.printed(out, started)) {
            return ExitCodes.OK;
        }
        Table table = new Table("SAGA", "WHAT");
        for (JsonNode id : started.path("sagaIds")) {
            table.row(id.asString(), what);
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(started.path("sagaIds").size() + " saga(s) started; follow one: switchboard sagas watch <SAGA>");
        out.flush();
        return ExitCodes.OK;
    }
}
