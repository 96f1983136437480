package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "dlq", mixinStandardHelpOptions = true, description = "List, show and redrive dead letters (<topic>.dlq).",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRedriveCommand.class})
final class DlqCommand {
}
