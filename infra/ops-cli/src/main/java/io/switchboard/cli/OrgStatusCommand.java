package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The organization's line: setup, status, number, assistants and its latest saga.")
final class OrgStatusCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode status = api.client().get("/api/v1/organizations/" + ApiClient.encode(orgId) + "/ai-status", null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, status)) {
            return ExitCodes.OK;
        }
        out.println("Org        " + Json.text(status, "orgId"));
        out.println("Setup      " + (!status.path("hasSetup").asBoolean() ? "none"
                : status.path("setupCompleted").asBoolean() ? "completed" : "in progress"));
        out.println("Status     " + Json.text(status, "status"));
        out.println("Number     " + dash(Json.text(status, "phoneNumber")));
        JsonNode assistants = status.path("assistants");
        out.println("Inbound    " + dash(Json.text(assistants, "inbound")) + template(assistants.path("inboundTemplate")));
        out.println("Outbound   " + dash(Json.text(assistants, "outbound")) + template(assistants.path("outboundTemplate")));
        out.println("Set up at  " + dash(Format.instant(Json.text(status, "setupDate"))));
        JsonNode latest = status.get("latestSaga");
        if (latest == null || latest.isNull()) {
            out.println("Latest     no saga yet");
        } else {
            out.println("Latest     " + Json.text(latest, "type") + " " + Json.text(latest, "state") + "  "
                    + Json.text(latest, "id"));
            if (Json.text(latest, "failedStep") != null) {
                out.println("Failed     " + Json.text(latest, "failedStep") + ": " + Json.text(latest, "failureReason"));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The assistant template an assistant runs, when the line records one. */
    private static String template(JsonNode template) {
        return template.isObject() ? "  (template " + Json.text(template, "name") + " v"
                + template.path("version").asInt() + ")" : "";
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
