package io.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * {@code switchboard}: the ops command line. Talks to the orchestrator's REST API; see README "Operate it".
 * Exit codes ({@link ExitCodes}): 0 done, 1 the orchestrator refused or could not be reached (message on stderr),
 * 2 bad usage; watching a saga: 3 it was compensated, 4 it is parked FAILED, 5 the timeout passed, 6 no saga started;
 * 7 reconcile found something to act on.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1",
        description = "Operate Switchboard: sagas, dead letters, organizations' lines, the number pool, tenant credentials, organization tokens, reconciliation, costs, batches.",
        footer = {"", "Exit codes: 0 done (a watched saga COMPLETED), 1 the orchestrator refused or was unreachable, "
                + "2 bad usage, 3 watched saga COMPENSATED, 4 watched saga FAILED (parked), 5 --timeout passed, "
                + "6 the request started no saga, 7 reconcile found orphans, shared or dangling resources; costs: 1 when a number limit is near."},
        subcommands = {SagasCommand.class, DlqCommand.class, OrganizationsCommand.class, PoolCommand.class,
                CredentialsCommand.class, TokensCommand.class, ReconcileCommand.class, CostsCommand.class,
                BatchesCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class SwitchboardCli {
    private final InputStream stdin;

    private SwitchboardCli(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Where secrets are read from when no file is named. */
    InputStream stdin() {
        return stdin;
    }

    public static void main(String[] args) {
        System.exit(run(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** The same, with stdin given (secrets are piped there). */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(in);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ApiException api) {
                cmd.getErr().println("error: " + api.getMessage());
            } else {
                cmd.getErr().println("error: " + e);
            }
            cmd.getErr().flush();
            return ExitCodes.API_ERROR;
        });
        return commandLine.execute(args);
    }

    static CommandLine commandLine(InputStream in) {
        return new CommandLine(new SwitchboardCli(in));
    }
}
