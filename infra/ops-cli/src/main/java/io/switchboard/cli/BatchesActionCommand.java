package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.Callable;

/** Pause, resume, cancel: one POST each, printing the batch as it is afterwards. */
abstract class BatchesActionCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "BATCH_ID")
    String batchId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    abstract String action();

    @Override
    public Integer call() {
        JsonNode batch = api.client().post("/api/v1/batches/" + ApiClient.encode(batchId) + "/" + action(), null, null);
        if (!json.printed(spec.commandLine().getOut(), batch)) {
            BatchesShowCommand.print(spec.commandLine().getOut(), batch);
        }
        return ExitCodes.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Start no more items (started ones finish and are followed).")
    static final class Pause extends BatchesActionCommand {
        @Override
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Carry on with a paused batch, or run a dry run's plan (exactly the organizations it listed).")
    static final class Resume extends BatchesActionCommand {
        @Override
        String action() {
            return "resume";
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Skip every item not started yet (started ones finish and are followed).")
    static final class Cancel extends BatchesActionCommand {
        @Override
        String action() {
            return "cancel";
        }
    }
}
