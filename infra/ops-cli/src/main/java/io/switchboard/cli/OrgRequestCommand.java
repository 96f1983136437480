package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "request", aliases = "requests", mixinStandardHelpOptions = true,
        description = "What a request (retry, cleanup) started: its status, and the saga with each step's outcome.")
final class OrgRequestCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(index = "0", paramLabel = "ORG_ID")
    String orgId;
    @Parameters(index = "1", paramLabel = "REQUEST_ID", description = "the requestId a retry or cleanup printed")
    String requestId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode request = api.client().get(RequestFollower.path(orgId, requestId), null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, request)) {
            return ExitCodes.OK;
        }
        print(out, request);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, JsonNode request) {
        out.println("Request   " + Json.text(request, "requestId") + "  " + Json.text(request, "type") + "  "
                + Json.text(request, "status") + (Json.text(request, "note") == null ? ""
                : "  (" + Json.text(request, "note") + ")"));
        JsonNode saga = request.get("saga");
        if (saga == null || saga.isNull()) {
            out.println("No saga started yet" + ("PENDING".equals(Json.text(request, "status"))
                    ? ": it waits behind the organization's running saga" : ""));
        } else {
            SagaView.print(out, saga);
        }
        out.flush();
    }
}
