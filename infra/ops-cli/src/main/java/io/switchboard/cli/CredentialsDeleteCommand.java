package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "delete", mixinStandardHelpOptions = true, description = {
        "Delete a credential. Refused (credential-in-use) while a line or the pool holds a number in its account or",
        "an unfinished saga works with it: the error says which."})
final class CredentialsDeleteCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(index = "0", paramLabel = "ORG_ID")
    String orgId;
    @Parameters(index = "1", paramLabel = "CREDENTIAL_ID")
    String credentialId;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        api.client().delete(CredentialsListCommand.path(orgId) + "/" + ApiClient.encode(credentialId));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            out.println(Json.compact(ApiClient.JSON.createObjectNode().put("credentialId", credentialId)
                    .put("deleted", true)));
        } else {
            out.println("Deleted credential " + credentialId + " of " + orgId);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
