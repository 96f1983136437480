package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "batches", mixinStandardHelpOptions = true,
        description = "Ops batches: one action over many organizations, at a rate, with a result per organization.",
        subcommands = {BatchesCreateCommand.class, BatchesListCommand.class, BatchesShowCommand.class,
                BatchesActionCommand.Pause.class, BatchesActionCommand.Resume.class, BatchesActionCommand.Cancel.class})
final class BatchesCommand {
}
