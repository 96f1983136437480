package io.switchboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, description = {
        "One dead letter whole: the full reason and exception, every header, and the body (pretty-printed JSON).",
        "e.g. switchboard dlq show --topic switchboard.org-events.v1 0:12"})
final class DlqShowCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;
    @Option(names = "--topic", required = true, description = "e.g. switchboard.org-events.v1 (or its .dlq)")
    String topic;
    @Parameters(paramLabel = "POSITION", description = "<partition>:<offset> in the DLQ, as dlq list shows it")
    String position;
    @Mixin
    JsonOption json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode letter = api.client().get("/api/v1/dead-letters/" + ApiClient.encode(position).replace("%3A", ":"), Map.of("topic", topic));
        PrintWriter out = spec.commandLine().getOut();
        if (json.printed(out, letter)) {
            return ExitCodes.OK;
        }
        JsonNode record = letter.path("record");
        out.println("Position    " + Json.text(record, "position"));
        out.println("Key         " + Json.text(record, "key"));
        out.println("Type        " + Json.text(record, "ceType"));
        out.println("Message id  " + Json.text(record, "ceId"));
        out.println("From        " + Json.text(record, "originalTopic") + " at " + Json.text(record, "originalPosition")
                + (Json.text(record, "consumerGroup") == null ? "" : ", consumer group " + Json.text(record, "consumerGroup")));
        out.println("Failed at   " + Format.instant(Json.text(record, "failedAt")));
        out.println("Redriven    " + (Json.text(record, "redrivenAt") == null ? "no"
                : Format.instant(Json.text(record, "redrivenAt"))));
        out.println();
        out.println("Reason");
        out.println(indent(Json.text(record, "reason")));
        if (Json.text(record, "exception") != null) {
            out.println();
            out.println("Exception");
            out.println(indent(Json.text(record, "exception")));
        }
        out.println();
        Table headers = new Table("HEADER", "VALUE");
        for (JsonNode header : letter.path("headers")) {
            headers.row(Json.text(header, "name"), "base64".equals(Json.text(header, "encoding"))
                    ? "(base64) " + Json.text(header, "value") : Json.text(header, "value"));
        }
        headers.print(out);
        out.println();
        out.println("Body (" + Json.number(letter, "bodyBytes", 0) + " bytes"
                + ("base64".equals(Json.text(letter, "bodyEncoding")) ? ", not UTF-8: base64" : "") + ")");
        out.println(indent(body(letter)));
        out.flush();
        return ExitCodes.OK;
    }

    /** JSON bodies pretty-printed; anything else (the malformed record that was parked, most often) as it is. */
    private static String body(JsonNode letter) {
        String body = Json.text(letter, "body");
        if (body == null) {
            return "(no value)";
        }
        if ("utf-8".equals(Json.text(letter, "bodyEncoding"))) {
            try {
                JsonNode parsed = ApiClient.JSON.readTree(body);
                if (parsed.isObject() || parsed.isArray()) {
                    return Json.pretty(parsed);
                }
            } catch (RuntimeException notJson) {
                // shown as it came
            }
        }
        return body;
    }

    private static String indent(String text) {
        return text == null ? "  -" : "  " + text.replace("\n", "\n  ");
    }
}
