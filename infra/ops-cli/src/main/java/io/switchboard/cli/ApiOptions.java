package io.switchboard.cli;

import picocli.CommandLine.Option;

/** Where the orchestrator is and the token to call it with; every command takes them. */
public final class ApiOptions {
    /** The local stack's documented dev ops token (orchestrator.yml); production tokens come from --token or env. */
    public static final String DEV_TOKEN = "sb-dev-ops-token";

    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:SWITCHBOARD_API:-http://127.0.0.1:8080}",
            description = "Orchestrator base URL (env SWITCHBOARD_API; default: ${DEFAULT-VALUE})")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SWITCHBOARD_TOKEN:-" + DEV_TOKEN + "}",
            description = "Ops bearer token (env SWITCHBOARD_TOKEN; default: the local stack's dev token)",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String token;

    ApiClient client() {
        return new ApiClient(api, token);
    }
}
