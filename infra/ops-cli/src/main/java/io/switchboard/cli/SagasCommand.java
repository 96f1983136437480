package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "sagas", mixinStandardHelpOptions = true, description = "List, show, watch, replay and compensate sagas.",
        subcommands = {SagasListCommand.class, SagasShowCommand.class, SagasReplayCommand.class,
                SagasCompensateCommand.class, SagasWatchCommand.class})
final class SagasCommand {
}
