package io.switchboard.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --wait}: follow what an accepted request started until its saga ends; the exit code says how it ended. */
final class WaitOptions {
    @Option(names = "--wait", description = "follow the saga it starts until it ends (exit code by its final state)")
    boolean wait;

    @Mixin
    PollOptions poll;
}
