package io.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code switchboard}: the ops command line. Talks to the orchestrator's REST API; see README "Operate it".
 * Exit codes: 0 done, 1 the orchestrator refused or could not be reached (message on stderr), 2 bad usage.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1",
        description = "Operate Switchboard: find, inspect, replay and compensate sagas; list and redrive dead letters; see what it costs.",
        subcommands = {SagasCommand.class, DlqCommand.class, CostsCommand.class, CommandLine.HelpCommand.class})
public final class SwitchboardCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new SwitchboardCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ApiException api) {
                cmd.getErr().println("error: " + api.getMessage());
            } else {
                cmd.getErr().println("error: " + e);
            }
            cmd.getErr().flush();
            return 1;
        });
        return commandLine.execute(args);
    }
}
