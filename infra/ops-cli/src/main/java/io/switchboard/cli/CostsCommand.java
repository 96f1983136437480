package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code switchboard costs [--org ID] [--json]}: numbers by where they live, assistants and the monthly cost
 * ({@code GET /api/v1/costs}, or {@code /organizations/{id}/costs}); exits 1 when a number limit is near, so a cron
 * job can alert on it.
 */
@Command(name = "costs", mixinStandardHelpOptions = true,
        description = "What it costs: numbers (platform Twilio, organization's own Twilio, free VAPI) and assistants, "
                + "per organization and in total, with the monthly cost; exit code 1 when a number limit is near.")
final class CostsCommand implements Callable<Integer> {
    private static final String[] COLUMNS = {"ORGANIZATION", "PLATFORM TWILIO", "OWN TWILIO", "VAPI FREE",
            "ASSISTANTS", "MONTHLY COST", "OF IT IN OWN ACCOUNTS"};
    @Mixin
    ApiOptions api;
    @Option(names = "--org", description = "one organization only (an organization's token may ask for its own)")
    String orgId;
    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (orgId != null) {
            JsonNode organization = api.client().get("/api/v1/organizations/" + ApiClient.encode(orgId) + "/costs",
                    Map.of());
            if (json) {
                out.println(Json.pretty(organization));
            } else {
                Table table = new Table(COLUMNS);
                row(table, Json.text(organization, "orgId"), organization);
                table.print(out);
            }
            return 0;
        }
        JsonNode report = api.client().get("/api/v1/costs", Map.of());
        boolean near = near(report.path("limits").path("vapiFree"));
        for (JsonNode trial : report.path("limits").path("trialAccounts")) {
            near |= near(trial.path("numbers"));
        }
        if (json) {
            out.println(Json.pretty(report));
            return near ? 1 : 0;
        }
        Table table = new Table(COLUMNS);
        for (JsonNode organization : report.path("organizations")) {
            row(table, Json.text(organization, "orgId"), organization);
        }
        row(table, "(pool)", pool(report));
        row(table, "TOTAL", total(report));
        table.print(out);
        JsonNode vapi = report.path("limits").path("vapiFree");
        out.println(limit("free VAPI numbers", vapi));
        for (JsonNode trial : report.path("limits").path("trialAccounts")) {
            out.println(limit("trial account " + Json.text(trial, "account"), trial.path("numbers")));
        }
        return near ? 1 : 0;
    }

    private static void row(Table table, String name, JsonNode costs) {
        JsonNode numbers = costs.path("numbers");
        JsonNode monthly = costs.path("monthlyCost");
        table.row(name, Json.text(numbers, "platformTwilio"), Json.text(numbers, "organizationTwilio"),
                Json.text(numbers, "vapiFree"), Json.text(costs, "assistants"),
                Json.text(monthly, "total") + " " + Json.text(monthly, "currency"),
                Json.text(monthly, "inOrganizationAccounts"));
    }

    /** The pool's numbers as a row: {@code pooledNumbers} priced {@code pooledMonthlyCost}, no assistants. */
    private static JsonNode pool(JsonNode report) {
        var node = ApiClient.JSON.createObjectNode();
        node.set("numbers", report.path("pooledNumbers"));
        node.put("assistants", 0);
        node.set("monthlyCost", report.path("pooledMonthlyCost"));
        return node;
    }

    /** Lines and pool together: the API's {@code monthlyCost} already covers both, its {@code numbers} the lines. */
    private static JsonNode total(JsonNode report) {
        var node = ApiClient.JSON.createObjectNode();
        var numbers = node.putObject("numbers");
        for (String place : new String[]{"platformTwilio", "organizationTwilio", "vapiFree"}) {
            numbers.put(place, Json.number(report.path("numbers"), place, 0)
                    + Json.number(report.path("pooledNumbers"), place, 0));
        }
        node.set("assistants", report.path("assistants"));
        node.set("monthlyCost", report.path("monthlyCost"));
        return node;
    }

    private static boolean near(JsonNode limit) {
        return limit.path("near").asBoolean(false);
    }

    private static String limit(String what, JsonNode limit) {
        return what + ": " + Json.number(limit, "inUse", 0) + " of " + Json.number(limit, "limit", 0) + " in use, "
                + Json.number(limit, "remaining", 0) + " left" + (near(limit) ? " — NEAR THE LIMIT" : "");
    }
}
