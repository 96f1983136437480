package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "create", mixinStandardHelpOptions = true, description = {
        "Issue a token for the organization. Its secret is printed once, on the last line (stdout): store it now,",
        "the orchestrator keeps only its digest."})
final class TokensCreateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Option(names = "--label", required = true, description = "Who or what will hold the token (1 to 100 characters).")
    String label;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode created = api.client().post(TokensListCommand.path(orgId), null, Map.of("label", label));
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, created)) {
            return ExitCodes.OK;
        }
        out.println("Issued token " + Json.text(created, "tokenId") + " (" + Json.text(created, "prefix") + "…, '"
                + Json.text(created, "label") + "') for " + orgId + ". Its secret, shown only now:");
        out.println(Json.text(created, "token"));
        out.flush();
        return ExitCodes.OK;
    }
}
