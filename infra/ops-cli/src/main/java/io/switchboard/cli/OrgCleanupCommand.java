package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.Callable;

@Command(name = "cleanup", mixinStandardHelpOptions = true, description = {
        "Take the organization's line away: VAPI registration deleted, number released (or pooled), both assistants",
        "and the config deleted. Needs --yes: the line stops answering calls."})
final class OrgCleanupCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Parameters(paramLabel = "ORG_ID")
    String orgId;
    @Option(names = "--yes", description = "confirm: delete this organization's line")
    boolean yes;
    @Mixin
    WaitOptions waitOptions;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!yes) {
            throw new ParameterException(spec.commandLine(), "cleanup deletes the line of " + orgId
                    + " (number, assistants, config); run it again with --yes to confirm");
        }
        JsonNode accepted = api.client().delete("/api/v1/organizations/" + ApiClient.encode(orgId) + "/ai-setup");
        return RequestFollower.accepted(spec.commandLine(), api, json, waitOptions, orgId, accepted, "cleanup");
    }
}
