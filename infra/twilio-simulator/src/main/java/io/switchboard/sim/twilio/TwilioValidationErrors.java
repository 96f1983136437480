package io.switchboard.sim.twilio;

import io.switchboard.sim.common.ProviderErrors;
import io.switchboard.sim.common.openapi.SpecFinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Twilio answers a request its document does not allow: one Twilio error (code, message, more_info), for the
 * first problem, as the API reports one problem at a time. Codes:
 * <ul>
 *   <li>a body in another content type than the operation's form: 415 (what Prism, Twilio's documented mock,
 *       answers; our references give no Twilio code for it)</li>
 *   <li>a malformed path parameter (e.g. a SID that is not {@code PN} + 32 hex): 404 / 20404, as for any unknown
 *       resource (assumed: Twilio resolves resources by path)</li>
 *   <li>everything else - an unknown parameter, a value of the wrong type, format, length, pattern or enum, a body
 *       where none belongs: 400 / 20001 "Invalid parameter"</li>
 * </ul>
 * Messages name the parameter and what it must be, never the value sent.
 */
final class TwilioValidationErrors {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern BOUNDS = Pattern.compile("\\((minimum|maximum): ([^,]+),");
    private static final Pattern ALLOWED_TYPES = Pattern.compile("allowed: \\[([^]]*)]");

    private TwilioValidationErrors() {
    }

    static ProviderErrors.Rejection render(String path, List<SpecFinding> findings) {
        Set<String> messages = new LinkedHashSet<>();
        findings.forEach(finding -> messages.addAll(messages(finding)));
        List<String> all = new ArrayList<>(messages);
        SpecFinding first = findings.get(0);
        TwilioError error;
        if (first.keyword().equals("contentType.notAllowed")) {
            error = TwilioError.unsupportedMediaType();
        } else if ("path".equals(first.in())) {
            error = TwilioError.notFound(path);
        } else {
            error = new TwilioError(400, 20001, all.get(0));
        }
        return new ProviderErrors.Rejection(TwilioErrors.render(error), all);
    }

    private static List<String> messages(SpecFinding finding) {
        String keyword = finding.keyword();
        String name = finding.isParameter() ? finding.parameter() : field(finding.pointer());
        return switch (keyword) {
            case "parameter.query.unexpected" -> List.of("Unknown parameter " + name);
            case "additionalProperties" -> quoted(finding.message()).stream().map(p -> "Unknown parameter " + p).toList();
            case "required" -> quoted(finding.message()).stream().map(p -> "Missing required parameter " + p).toList();
            case "enum" -> List.of("Invalid parameter " + name + ": must be one of " + String.join(", ", enumValues(finding.message())));
            case "type" -> List.of("Invalid parameter " + name + ": must be " + article(allowedType(finding.message())));
            case "invalidJson" -> List.of("Invalid parameter " + name + ": must be " + article(finding.type()));
            case "minimum", "maximum" -> List.of("Invalid parameter " + name + ": must be "
                    + (keyword.equals("minimum") ? "at least " : "at most ") + bound(finding.message()));
            case "minLength", "maxLength" -> List.of("Invalid parameter " + name + ": has the wrong length");
            case "body.unexpected" -> List.of("This resource takes no request body");
            case "body.missing" -> List.of("Missing request body");
            case "contentType.notAllowed" -> List.of("Request bodies must be application/x-www-form-urlencoded");
            default -> List.of("Invalid parameter " + name + (keyword.startsWith("format") || keyword.equals("pattern")
                    ? ": has the wrong format" : ""));
        };
    }

    /** The form field a body pointer names: "/VoiceMethod" is VoiceMethod. */
    private static String field(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return "(body)";
        }
        String first = pointer.substring(1);
        int slash = first.indexOf('/');
        return slash < 0 ? first : first.substring(0, slash);
    }

    /** Names in the library's text: properties which are not allowed ... ["Foo","Bar"]; missing ... (["A"]). */
    private static List<String> quoted(String message) {
        List<String> names = new ArrayList<>();
        int list = message.lastIndexOf('[');
        Matcher m = QUOTED.matcher(list < 0 ? message : message.substring(list));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** "... not found in enum (possible values: ["GET","POST"])": the allowed values, which are not secrets. */
    private static List<String> enumValues(String message) {
        int start = message.indexOf("possible values:");
        return start < 0 ? List.of() : quoted(message.substring(start));
    }

    private static String allowedType(String message) {
        Matcher m = ALLOWED_TYPES.matcher(message);
        return m.find() ? quotedOrRaw(m.group(1)) : null;
    }

    private static String quotedOrRaw(String list) {
        List<String> names = quoted("[" + list + "]");
        return names.isEmpty() ? list : names.get(0);
    }

    private static String bound(String message) {
        Matcher m = BOUNDS.matcher(message);
        return m.find() ? m.group(2).trim() : "in range";
    }

    private static String article(String type) {
        if (type == null) {
            return "a valid value";
        }
        return switch (type) {
            case "integer" -> "an integer";
            case "array" -> "a list";
            case "object" -> "an object";
            default -> "a " + type;
        };
    }
}
