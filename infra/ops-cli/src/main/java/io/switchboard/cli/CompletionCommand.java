package io.switchboard.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true, description = {
        "Print a bash completion script for every command and option (zsh: via bashcompinit), e.g.",
        "  source <(bin/switchboard completion)          # this shell",
        "  bin/switchboard completion > /etc/bash_completion.d/switchboard",
        "It completes the command named switchboard: put bin/ on the PATH (or --name for another name)."})
final class CompletionCommand implements Callable<Integer> {
    @Option(names = "--name", defaultValue = "switchboard", description = "the command to complete (default ${DEFAULT-VALUE})")
    String name;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash(name, spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
