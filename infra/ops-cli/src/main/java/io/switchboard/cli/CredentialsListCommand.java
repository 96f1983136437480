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
        description = "The organization's Twilio credentials: id, account, when stored and rotated (never the token).")
final class CredentialsListCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    static String path(String orgId) {
        return "/api/v1/organizations/" + ApiClient.encode(orgId) + "/twilio-credentials";
    }

    @Override
    public Integer call() {
        JsonNode credentials = api.client().get(path(orgId), null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, credentials)) {
            return ExitCodes.OK;
        }
        Table table = new Table("CREDENTIAL", "ACCOUNT SID", "CREATED", "ROTATED");
        for (JsonNode credential : credentials) {
            table.row(Json.text(credential, "credentialId"), Json.text(credential, "accountSid"),
                    Format.instant(Json.text(credential, "createdAt")), Format.instant(Json.text(credential, "rotatedAt")));
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.println(credentials.size() + " Twilio credential(s) of " + orgId);
        out.flush();
        return ExitCodes.OK;
    }
}
