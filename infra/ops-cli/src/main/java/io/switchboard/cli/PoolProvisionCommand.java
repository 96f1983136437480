package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "provision", mixinStandardHelpOptions = true, description = {
        "Buy numbers into the pool ahead of demand (each is paid for): one pool-provision saga per number.",
        "e.g. switchboard pool provision --count 5 --area-code 415"})
final class PoolProvisionCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--count", defaultValue = "1", description = "how many numbers (default ${DEFAULT-VALUE}; at most the orchestrator's switchboard.pool.max-provision-per-request)")
    int count;
    @Option(names = "--country", defaultValue = "US", description = "ISO 3166-1 alpha-2 in capitals (default ${DEFAULT-VALUE})")
    String country;
    @Option(names = "--area-code", paramLabel = "NNN", description = "three digits; any area code when left out")
    String areaCode;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("country", country);
        if (areaCode != null) {
            body.put("areaCode", areaCode);
        }
        JsonNode started = api.client().post("/api/v1/number-pool/provision", null, body);
        return PoolReleaseIdleCommand.printStarted(spec.commandLine().getOut(), json, started, "buying a number");
    }
}
