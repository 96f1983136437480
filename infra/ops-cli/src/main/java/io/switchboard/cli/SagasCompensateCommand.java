package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compensate", mixinStandardHelpOptions = true, description = "Stop a stuck saga and undo what it did, newest first.")
final class SagasCompensateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "SAGA_ID")
    String sagaId;
    @Option(names = "--reason", required = true, description = "why (recorded as the saga's failure reason)")
    String reason;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode result = api.client().post("/api/v1/sagas/" + ApiClient.encode(sagaId) + "/compensate", null,
                Map.of("reason", reason));
        if (json.printed(spec.commandLine().getOut(), result)) {
            return 0;
        }
        spec.commandLine().getOut().println(Json.text(result, "outcome") + "  " + Json.text(result, "id") + "  state "
                + Json.text(result, "state") + "  (" + Json.text(result, "message") + ")");
        return 0;
    }
}
