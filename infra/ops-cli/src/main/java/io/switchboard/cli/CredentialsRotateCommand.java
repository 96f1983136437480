package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.Callable;

@Command(name = "rotate", mixinStandardHelpOptions = true, description = {
        "Replace a credential's Auth Token (after rotating it in the Twilio console); same id, running lines keep",
        "working. The new token is read from stdin or --auth-token-file."})
final class CredentialsRotateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(index = "0", paramLabel = "ORG_ID")
    String orgId;
    @Parameters(index = "1", paramLabel = "CREDENTIAL_ID")
    String credentialId;
    @Mixin
    SecretInput token;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The API replaces the token of an account stored before: find the credential's account first, so a typo in
        // the id is refused instead of storing a second account.
        JsonNode credentials = api.client().get(CredentialsListCommand.path(orgId), null);
        String accountSid = null;
        for (JsonNode credential : credentials) {
            if (credentialId.equals(Json.text(credential, "credentialId"))) {
                accountSid = Json.text(credential, "accountSid");
            }
        }
        if (accountSid == null) {
            throw new ApiException(404, "organization " + orgId + " has no Twilio credential " + credentialId
                    + " (switchboard credentials list " + orgId + " shows them)");
        }
        return CredentialsAddCommand.store(api, spec, json, orgId, accountSid,
                token.read(spec, "new Auth Token of " + accountSid), true);
    }
}
