package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "credentials", mixinStandardHelpOptions = true, description = {
        "An organization's own Twilio accounts: list, add, rotate, delete (tokens never printed).",
        "The orchestrator stores them encrypted; tokens are read from stdin or a file (--auth-token-file), never",
        "from the command line."},
        subcommands = {CredentialsListCommand.class, CredentialsAddCommand.class, CredentialsRotateCommand.class,
                CredentialsDeleteCommand.class})
final class CredentialsCommand {
}
