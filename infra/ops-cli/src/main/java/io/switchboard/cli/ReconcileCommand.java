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

@Command(name = "reconcile", mixinStandardHelpOptions = true, description = {
        "Compare what Twilio (the platform's and every organization's own account) and VAPI hold with what",
        "Switchboard's records reference: ORPHAN (nothing references it: paid for nothing), SHARED (two records claim",
        "it), DANGLING (a record names what the provider no longer holds), HELD (an unfinished saga has it),",
        "FOREIGN (an organization's own number Switchboard did not tag: never touched).",
        "Exit code 7 when there is an orphan, a shared or a dangling resource. Release orphans with reconcile release."},
        subcommands = ReconcileReleaseCommand.class)
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--all", description = "also list what is in order (OWNED) and FOREIGN numbers")
    boolean all;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode report = api.client().get("/api/v1/reconciliation", Map.of("all", all));
        PrintWriter out = spec.commandLine().getOut();
        long problems = Json.number(report, "problems", 0);
        if (json.printed(out, report)) {
            return problems == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        }
        for (JsonNode warning : report.path("warnings")) {
            out.println("warning: " + warning.asString());
        }
        Table table = new Table("VERDICT", "KIND", "ID", "LABEL", "ACCOUNT", "DETAIL");
        for (JsonNode finding : report.path("findings")) {
            String org = Json.text(finding, "orgId");
            table.row(Json.text(finding, "verdict"), Json.text(finding, "kind"), Json.text(finding, "id"),
                    Json.text(finding, "label"), org == null ? "platform" : org + " " + Json.text(finding, "credentialId"),
                    Table.clip(Json.text(finding, "detail"), 110));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        StringBuilder counts = new StringBuilder();
        report.path("counts").properties().forEach(e -> counts.append(counts.length() == 0 ? "" : ", ")
                .append(e.getValue().asLong()).append(' ').append(e.getKey()));
        out.println(problems + " problem(s)" + (counts.length() == 0 ? "" : " (" + counts + ")") + " from "
                + Json.text(report, "source") + (report.path("complete").asBoolean(true) ? ""
                : "; INCOMPLETE listing, see the warnings"));
        out.flush();
        return problems == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
    }
}
