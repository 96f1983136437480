package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "tokens", mixinStandardHelpOptions = true, description = {
        "An organization's API tokens (ops token needed): create (the secret is printed this once), list, revoke.",
        "A revoked token is refused from the next request on, by every orchestrator."},
        subcommands = {TokensCreateCommand.class, TokensListCommand.class, TokensRevokeCommand.class})
final class TokensCommand {
}
