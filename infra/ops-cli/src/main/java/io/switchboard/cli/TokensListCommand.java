package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The organization's tokens: id, label, prefix, created, last used, revoked (never a secret).")
final class TokensListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    static String path(String orgId) {
        return "/api/v1/organizations/" + ApiClient.encode(orgId) + "/tokens";
    }

    @Override
    public Integer call() {
        JsonNode tokens = api.client().get(path(orgId), null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, tokens)) {
            return ExitCodes.OK;
        }
        Table table = new Table("TOKEN", "LABEL", "PREFIX", "CREATED", "LAST USED", "REVOKED");
        int active = 0;
        for (JsonNode token : tokens) {
            table.row(Json.text(token, "tokenId"), Json.text(token, "label"), Json.text(token, "prefix") + "…",
                    Format.instant(Json.text(token, "createdAt")), Format.instant(Json.text(token, "lastUsedAt")),
                    Format.instant(Json.text(token, "revokedAt")));
            active += Json.text(token, "revokedAt") == null ? 1 : 0;
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(tokens.size() + " token(s) of " + orgId + ", " + active + " not revoked");
        out.flush();
        return ExitCodes.OK;
    }
}
