package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "retry", mixinStandardHelpOptions = true, description = {
        "Re-run a failed onboarding, optionally with other number options (refused while a setup exists).",
        "e.g. switchboard organizations retry acme --area-code 415 --wait"})
final class OrgRetryCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Option(names = "--country", description = "ISO 3166-1 alpha-2 in capitals, e.g. US (default: the failed onboarding's)")
    String country;
    @Option(names = "--area-code", paramLabel = "NNN", description = "three digits, e.g. 415 (default: the failed onboarding's)")
    String areaCode;
    @Mixin
    WaitOptions waitOptions;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country);
        body.put("areaCode", areaCode);
        body.values().removeIf(java.util.Objects::isNull);
        JsonNode accepted = api.client().post("/api/v1/organizations/" + ApiClient.encode(orgId) + "/retry-ai-setup",
                null, body);
        return RequestFollower.accepted(spec.commandLine(), api, json, waitOptions, orgId, accepted, "retry");
    }
}
