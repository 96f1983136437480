package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true, description = {
        "Follow a saga live until it ends: one line per step change with the progress so far.",
        "Exit code: 0 COMPLETED, 3 COMPENSATED, 4 FAILED (parked), 5 --timeout passed first.",
        "--json prints one JSON object per change (event: step | state | timeout)."})
final class SagasWatchCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "SAGA_ID")
    String sagaId;
    @Mixin
    PollOptions poll;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new SagaWatcher(api.client(), spec.commandLine().getOut(), json.json, poll)
                .watch(sagaId, Instant.now().plus(poll.timeout));
    }
}
