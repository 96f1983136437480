package io.switchboard.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How often a watching command asks the orchestrator, and for how long at most. */
final class PollOptions {
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "how often to ask (default ${DEFAULT-VALUE}; 500ms, 2s, PT5S)")
    Duration interval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "give up waiting after this long, exit code 5; the saga goes on (default ${DEFAULT-VALUE})")
    Duration timeout;
}
