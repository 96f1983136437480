package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "organizations", aliases = "orgs", mixinStandardHelpOptions = true,
        description = "An organization's line: its status, retrying a failed setup, cleaning it up, what a request started.",
        subcommands = {OrgStatusCommand.class, OrgRetryCommand.class, OrgCleanupCommand.class, OrgRequestCommand.class})
final class OrganizationsCommand {
}
