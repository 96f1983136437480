package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "create", mixinStandardHelpOptions = true, description = {
        "Create a batch over named organizations (--org, repeated) or a filter (--prefix, --line-status, ...).",
        "e.g. switchboard batches create --kind inbound-ai-off --org acme --org globex --rate 30",
        "     switchboard batches create --kind assign-numbers --prefix acme- --dry-run",
        "     switchboard batches create --kind update-assistants --prefix acme- --template dental --dry-run"})
final class BatchesCreateCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--kind", required = true, description = "assign-numbers, inbound-ai-on, inbound-ai-off or update-assistants")
    String kind;
    @Option(names = "--org", paramLabel = "ORG_ID", description = "an organization (repeat the option for more)")
    List<String> orgIds;
    @Option(names = "--prefix", description = "filter: organization ids starting with this")
    String prefix;
    @Option(names = "--line-status", description = "filter: active, inactive, activation_pending, deactivating, none")
    String lineStatus;
    @Option(names = "--has-number", arity = "1", description = "filter: true or false")
    Boolean hasNumber;
    @Option(names = "--organization-status", description = "filter: upstream's status (verified, pending, rejected)")
    String organizationStatus;
    @Option(names = "--inbound-ai", arity = "1", description = "filter: upstream's latest inboundAi, true or false")
    Boolean inboundAi;
    @Option(names = "--setup-before", paramLabel = "INSTANT", description = "filter: lines set up before this instant")
    String setupBefore;
    @Option(names = "--number-source", description = "pool_first or force_twilio (assign-numbers, inbound-ai-on)")
    String numberSource;
    @Option(names = "--template", paramLabel = "NAME",
            description = "update-assistants: pin the organizations to this assistant template and apply it")
    String templateName;
    @Option(names = "--template-version", paramLabel = "VERSION",
            description = "with --template: that version (else the template's latest)")
    Integer templateVersion;
    @Option(names = "--rate", paramLabel = "PER_MINUTE", description = "items started a minute at most")
    Integer rate;
    @Option(names = "--dry-run", description = "list what each organization would do, start nothing")
    boolean dryRun;
    @Option(names = "--created-by", description = "who asks, for the record")
    String createdBy;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        if (orgIds != null) {
            body.put("orgIds", orgIds);
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        putIfSet(filter, "orgIdPrefix", prefix);
        putIfSet(filter, "lineStatus", lineStatus);
        putIfSet(filter, "hasNumber", hasNumber);
        putIfSet(filter, "organizationStatus", organizationStatus);
        putIfSet(filter, "inboundAi", inboundAi);
        putIfSet(filter, "setupBefore", setupBefore);
        if (!filter.isEmpty()) {
            body.put("filter", filter);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        putIfSet(options, "numberSource", numberSource);
        putIfSet(options, "templateName", templateName);
        putIfSet(options, "templateVersion", templateVersion);
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        putIfSet(body, "ratePerMinute", rate);
        if (dryRun) {
            body.put("dryRun", true);
        }
        putIfSet(body, "createdBy", createdBy);
        JsonNode batch = api.client().post("/api/v1/batches", null, body);
        if (json.printed(spec.commandLine().getOut(), batch)) {
            return ExitCodes.OK;
        }
        BatchesShowCommand.print(spec.commandLine().getOut(), batch);
        if (dryRun) {
            BatchesShowCommand.printItems(spec.commandLine().getOut(),
                    api.client().get("/api/v1/batches/" + Json.text(batch, "id") + "/items", Map.of("limit", 500)));
        }
        return ExitCodes.OK;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
