package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "dlq", mixinStandardHelpOptions = true, description = "List and redrive dead letters (<topic>.dlq).",
        subcommands = {DlqListCommand.class, DlqRedriveCommand.class})
final class DlqCommand {
}
