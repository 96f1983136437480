package io.switchboard.cli;

import picocli.CommandLine.Command;

@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "The number pool: what it holds, buying numbers ahead of demand, releasing idle ones now.",
        subcommands = {PoolStatsCommand.class, PoolProvisionCommand.class, PoolReleaseIdleCommand.class})
final class PoolCommand {
}
