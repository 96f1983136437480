package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one saga with its step history (inputs and outputs with --json).")
final class SagasShowCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "SAGA_ID")
    String sagaId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode saga = api.client().get("/api/v1/sagas/" + ApiClient.encode(sagaId), null);
        PrintWriter out = spec.commandLine().getOut();
        if (!json.printed(out, saga)) {
            SagaView.print(out, saga);
        }
        return ExitCodes.OK;
    }
}
