package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Store an organization's own Twilio account (encrypted); name the printed id as twilioCredentialId in",
        "OrganizationApproved. The Auth Token is read from stdin or --auth-token-file, e.g.",
        "  switchboard credentials add acme --account-sid AC… --auth-token-file token.txt",
        "An account stored before keeps its id and gets the new token (as rotate does)."})
final class CredentialsAddCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Option(names = "--account-sid", required = true, paramLabel = "AC…", description = "the Account SID (Twilio console)")
    String accountSid;
    @Mixin
    SecretInput token;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return store(api, spec, json, orgId, accountSid, token.read(spec, "Auth Token of " + accountSid), false);
    }

    /** POSTs the account; {@code rotating} says which answer is expected (200 replaced vs 201 created). */
    static int store(ApiOptions api, CommandSpec spec, JsonOption json, String orgId, String accountSid, String secret,
                     boolean rotating) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountSid", accountSid);
        body.put("authToken", secret);
        ApiClient.Answer answer = api.client().postAnswer(CredentialsListCommand.path(orgId), null, body);
        JsonNode credential = answer.body();
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, credential)) {
            return ExitCodes.OK;
        }
        boolean created = answer.status() == 201;
        out.println((created ? "Stored new" : rotating ? "Rotated" : "Replaced the token of") + " credential "
                + Json.text(credential, "credentialId") + " (account " + Json.text(credential, "accountSid") + ") of "
                + orgId + (created ? "; reference it as twilioCredentialId" : ""));
        out.flush();
        return ExitCodes.OK;
    }
}
