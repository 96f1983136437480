package io.switchboard.cli;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;

/** {@code --json}: print the API's own JSON instead of a table, for scripts (every command takes it). */
final class JsonOption {
    @Option(names = "--json", description = "print the API's JSON instead of text")
    boolean json;

    /** Prints the answer as JSON when asked; true when it did (the caller then prints nothing else). */
    boolean printed(PrintWriter out, JsonNode answer) {
        if (json) {
            out.println(Json.pretty(answer));
            out.flush();
        }
        return json;
    }
}
