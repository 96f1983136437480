package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a token: refused from the next request on (revoking it again changes nothing).")
final class TokensRevokeCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(index = "0", paramLabel = "ORG_ID")
    String orgId;
    @Parameters(index = "1", paramLabel = "TOKEN_ID")
    String tokenId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        api.client().delete(TokensListCommand.path(orgId) + "/" + ApiClient.encode(tokenId));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.compact(ApiClient.JSON.createObjectNode().put("tokenId", tokenId).put("revoked", true)));
        } else {
            out.println("Revoked token " + tokenId + " of " + orgId);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
